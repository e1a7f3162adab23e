package dev.targo.argo.pod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.RetryStrategy;
import dev.targo.argo.plan.Affinity;
import dev.targo.argo.plan.Affinity.NodeAffinity;
import dev.targo.argo.plan.Affinity.NodeSelector;
import dev.targo.argo.plan.Affinity.NodeSelectorRequirement;
import dev.targo.argo.plan.Affinity.NodeSelectorTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Keeps a pod away from the hosts of failed attempts ({@code retryStrategy.affinity:
 * nodeAntiAffinity: {}}, ARGO-SEMANTICS §6). Pure.
 *
 * <p>Like Argo's {@code AddHostnamesToAffinity}, the exclusion is a {@code NotIn} requirement on
 * the hostname label in the pod's required node affinity, merged into an existing {@code NotIn} on
 * that key and creating a term when there is none. Unlike Argo, which changes only one term, it
 * goes into <b>every</b> term: terms are ORed, so a term without it would let the pod return to a
 * failed host. Values are sorted and de-duplicated so equal inputs give equal pods.
 *
 * <p>targo's {@code nodeAntiAffinity.type: Preferred} instead appends one preferred term ({@link
 * #avoid}): the scheduler ranks the other hosts first and still takes a failed one when nothing
 * else fits, so the attempt never waits for a host.
 */
public final class NodeExclusion {
  private NodeExclusion() {}

  /** Operator of the exclusion requirement. */
  static final String NOT_IN = "NotIn";

  /**
   * The affinity of {@code request}'s pod: its template's, with the hosts it excludes ({@link
   * #apply}) and those it avoids ({@link #avoid}). The one rule both executors use.
   *
   * @param hostnameLabelKey the node label naming a host; null or empty disables both
   */
  public static Affinity forAttempt(PodRequest request, String hostnameLabelKey) {
    return forAttempt(request, hostnameLabelKey, Map.of());
  }

  /**
   * {@link #forAttempt(PodRequest, String)}, and the request's {@link TopologyExclusion}: the
   * values of its key that {@code domains} gives for the failed hosts, required or preferred; a
   * host whose domain is not known (its node is gone, or cannot be read, or lacks the label) is
   * kept away from as a host, so that an exclusion is never lost.
   *
   * @param domains the value of the topology key on each failed host's node, where known
   */
  public static Affinity forAttempt(
      PodRequest request, String hostnameLabelKey, Map<String, String> domains) {
    Affinity affinity =
        apply(request.template().affinity(), hostnameLabelKey, request.excludedHosts());
    affinity = avoid(affinity, hostnameLabelKey, request.avoidedHosts());
    TopologyExclusion topology = request.topologyExclusion();
    if (topology == null) {
      return affinity;
    }
    List<String> values = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String host : topology.hosts()) {
      String domain = domains.get(host);
      if (domain == null || domain.isEmpty()) {
        unknown.add(host);
      } else {
        values.add(domain);
      }
    }
    if (topology.preferred()) {
      return avoid(avoid(affinity, topology.key(), values), hostnameLabelKey, unknown);
    }
    return apply(apply(affinity, topology.key(), values), hostnameLabelKey, unknown);
  }

  /**
   * Returns {@code affinity} with {@code hosts} excluded on {@code hostnameLabelKey}.
   *
   * @param affinity the pod's affinity, or null
   * @param hostnameLabelKey the node label naming a host; null or empty disables exclusion
   * @param hosts hosts to exclude; null and empty entries (attempts never scheduled) are ignored
   * @return the merged affinity; {@code affinity} itself when nothing is to be excluded
   */
  public static Affinity apply(Affinity affinity, String hostnameLabelKey, List<String> hosts) {
    TreeSet<String> excluded = named(hosts);
    if (hostnameLabelKey == null || hostnameLabelKey.isEmpty() || excluded.isEmpty()) {
      return affinity;
    }
    NodeAffinity nodeAffinity = affinity == null ? null : affinity.nodeAffinity();
    NodeSelector required = nodeAffinity == null ? null : nodeAffinity.required();
    List<NodeSelectorTerm> terms = new ArrayList<>();
    if (required == null || required.nodeSelectorTerms().isEmpty()) {
      terms.add(
          new NodeSelectorTerm(
              List.of(requirement(hostnameLabelKey, new TreeSet<>(), excluded)), List.of()));
    } else {
      for (NodeSelectorTerm term : required.nodeSelectorTerms()) {
        terms.add(exclude(term, hostnameLabelKey, excluded));
      }
    }
    return with(
        affinity,
        new NodeAffinity(
            new NodeSelector(terms), nodeAffinity == null ? null : nodeAffinity.preferred()));
  }

  /**
   * Returns {@code affinity} with a preferred node-affinity term that ranks the nodes whose {@code
   * hostnameLabelKey} is not one of {@code hosts} first: {@code {weight: 100, preference:
   * {matchExpressions: [{key, operator: NotIn, values: hosts}]}}}, after the user's own preferred
   * terms. Preferred terms are summed, not ORed, so one term is enough.
   *
   * @param affinity the pod's affinity, or null
   * @param hostnameLabelKey the node label naming a host; null or empty disables it
   * @param hosts hosts to avoid; null and empty entries are ignored
   * @return the merged affinity; {@code affinity} itself when nothing is to be avoided
   */
  public static Affinity avoid(Affinity affinity, String hostnameLabelKey, List<String> hosts) {
    TreeSet<String> avoided = named(hosts);
    if (hostnameLabelKey == null || hostnameLabelKey.isEmpty() || avoided.isEmpty()) {
      return affinity;
    }
    JsonNodeFactory json = JsonNodeFactory.instance;
    ObjectNode requirement = json.objectNode().put("key", hostnameLabelKey).put("operator", NOT_IN);
    avoided.forEach(requirement.putArray("values")::add);
    ObjectNode term =
        json.objectNode().put("weight", RetryStrategy.AntiAffinityType.PREFERRED_WEIGHT);
    term.putObject("preference").putArray("matchExpressions").add(requirement);
    NodeAffinity nodeAffinity = affinity == null ? null : affinity.nodeAffinity();
    JsonNode written = nodeAffinity == null ? null : nodeAffinity.preferred();
    ArrayNode preferred = json.arrayNode();
    if (written != null && written.isArray()) {
      preferred.addAll((ArrayNode) written.deepCopy());
    }
    preferred.add(term);
    return with(
        affinity,
        new NodeAffinity(nodeAffinity == null ? null : nodeAffinity.required(), preferred));
  }

  /** The hosts that name one: sorted, without duplicates, nulls and empty names. */
  private static TreeSet<String> named(List<String> hosts) {
    TreeSet<String> named = new TreeSet<>();
    if (hosts != null) {
      hosts.stream().filter(h -> h != null && !h.isEmpty()).forEach(named::add);
    }
    return named;
  }

  /** {@code affinity} with its node affinity replaced; its pod (anti-)affinity kept. */
  private static Affinity with(Affinity affinity, NodeAffinity nodeAffinity) {
    return affinity == null
        ? new Affinity(nodeAffinity, null, null)
        : new Affinity(nodeAffinity, affinity.podAffinity(), affinity.podAntiAffinity());
  }

  /** Merges into the term's first {@code NotIn} on the key, or appends a new requirement. */
  private static NodeSelectorTerm exclude(
      NodeSelectorTerm term, String key, TreeSet<String> excluded) {
    List<NodeSelectorRequirement> expressions = new ArrayList<>(term.matchExpressions());
    for (int i = 0; i < expressions.size(); i++) {
      NodeSelectorRequirement r = expressions.get(i);
      if (Objects.equals(r.key(), key) && NOT_IN.equals(r.operator())) {
        expressions.set(i, requirement(key, new TreeSet<>(r.values()), excluded));
        return new NodeSelectorTerm(expressions, term.matchFields());
      }
    }
    expressions.add(requirement(key, new TreeSet<>(), excluded));
    return new NodeSelectorTerm(expressions, term.matchFields());
  }

  private static NodeSelectorRequirement requirement(
      String key, TreeSet<String> existing, TreeSet<String> excluded) {
    existing.addAll(excluded);
    return new NodeSelectorRequirement(key, NOT_IN, List.copyOf(existing));
  }
}
