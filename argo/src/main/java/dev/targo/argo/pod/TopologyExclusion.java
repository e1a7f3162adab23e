package dev.targo.argo.pod;

import java.util.List;

/**
 * targo's {@code nodeAntiAffinity.topologyKey}: the next pod keeps away from every node that shares
 * the value of {@code key} (a zone, a node pool, a GPU model) with a node where an earlier attempt
 * failed. The workflow knows the failed hosts; the executor, which can read the nodes' labels,
 * turns them into the label's values when it builds the pod ({@link NodeExclusion#forAttempt}).
 *
 * @param key the node label, such as {@code topology.kubernetes.io/zone}
 * @param hosts the hosts of the failed attempts, sorted
 * @param preferred true for {@code type: Preferred}: a preferred term, never a required one
 */
public record TopologyExclusion(String key, List<String> hosts, boolean preferred) {
  public TopologyExclusion {
    hosts = hosts == null ? List.of() : List.copyOf(hosts);
  }
}
