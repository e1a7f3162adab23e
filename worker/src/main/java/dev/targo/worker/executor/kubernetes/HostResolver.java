package dev.targo.worker.executor.kubernetes;

import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.pod.TopologyExclusion;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the host a pod ran on as {@code nodeAntiAffinity} needs it (ARGO-SEMANTICS §6): the value
 * of the Node's hostname label, which differs from the node name on many cloud providers; the node
 * name itself when the Node cannot be read (no RBAC for nodes, node gone) or has no such label.
 * Answers are cached per node name: a node's hostname label does not change while it exists.
 */
final class HostResolver {
  private final KubernetesClient client;
  private final String labelKey;
  private final ApiRetry retry;
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  HostResolver(KubernetesClient client, String labelKey, ApiRetry retry) {
    this.client = client;
    this.labelKey = labelKey;
    this.retry = retry;
  }

  /**
   * For targo's {@code nodeAntiAffinity.topologyKey}: the value of the request's topology key on
   * the node of each host it keeps away from, read from the Nodes whose hostname label names one;
   * empty when there is nothing to read or the Nodes cannot be read (the hosts are then kept away
   * from as hosts).
   */
  Map<String, String> domains(PodRequest request) throws InterruptedException {
    TopologyExclusion topology = request.topologyExclusion();
    if (topology == null || topology.hosts().isEmpty() || labelKey == null || labelKey.isEmpty()) {
      return Map.of();
    }
    String[] hosts = topology.hosts().toArray(String[]::new);
    try {
      List<Node> nodes =
          retry.run(
              "list nodes of " + String.join(", ", hosts),
              () -> client.nodes().withLabelIn(labelKey, hosts).list().getItems(),
              () -> {});
      Map<String, String> domains = new HashMap<>();
      for (Node node : nodes) {
        Map<String, String> labels = node.getMetadata().getLabels();
        String domain = labels == null ? null : labels.get(topology.key());
        // The selector already asks for these hosts; checked again, as not every server filters.
        if (domain != null && topology.hosts().contains(labels.get(labelKey))) {
          domains.put(labels.get(labelKey), domain);
        }
      }
      return domains;
    } catch (KubernetesClientException | ApiRetry.TransientApiException e) {
      return Map.of();
    }
  }

  /** The host of {@code nodeName}, or null for a pod never scheduled. */
  String host(String nodeName) throws InterruptedException {
    if (nodeName == null || nodeName.isEmpty()) {
      return null;
    }
    if (labelKey == null || labelKey.isEmpty()) {
      return nodeName;
    }
    String known = cache.get(nodeName);
    if (known != null) {
      return known;
    }
    String host;
    try {
      Node node =
          retry.run(
              "get node " + nodeName, () -> client.nodes().withName(nodeName).get(), () -> {});
      String label = node == null ? null : node.getMetadata().getLabels().get(labelKey);
      host = label == null || label.isEmpty() ? nodeName : label;
    } catch (KubernetesClientException | ApiRetry.TransientApiException e) {
      // Forbidden, or the API keeps failing: the node name is Argo's own choice, and good enough.
      return nodeName;
    }
    cache.put(nodeName, host);
    return host;
  }
}
