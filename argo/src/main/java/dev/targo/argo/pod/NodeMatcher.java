package dev.targo.argo.pod;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.plan.Affinity;
import dev.targo.argo.plan.Affinity.NodeSelector;
import dev.targo.argo.plan.Affinity.NodeSelectorRequirement;
import dev.targo.argo.plan.Affinity.NodeSelectorTerm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a node satisfies a pod's {@code nodeSelector} and required node affinity, by the rules of
 * Kubernetes' node-affinity filter. Pure.
 *
 * <p>Terms are ORed and the requirements of a term ANDed; a term with no requirement matches no
 * node, and so does a required selector without terms. A requirement the API server would reject
 * (an {@code In} without values, a {@code Gt} without exactly one integer, an unknown operator, a
 * field other than {@code metadata.name}) matches no node, as the scheduler treats unparsable
 * terms.
 *
 * <p>{@link #preferenceScore} scores a node by the preferred terms as the node-affinity score
 * plugin does: the sum of the weights of the terms it matches.
 */
final class NodeMatcher {
  private NodeMatcher() {}

  /** The only field {@code matchFields} may name. */
  static final String FIELD_NAME = "metadata.name";

  static boolean matches(
      Map<String, String> nodeSelector,
      Affinity affinity,
      String nodeName,
      Map<String, String> labels) {
    for (Map.Entry<String, String> e : nodeSelector.entrySet()) {
      if (!e.getValue().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    NodeSelector required =
        affinity == null || affinity.nodeAffinity() == null
            ? null
            : affinity.nodeAffinity().required();
    if (required == null) {
      return true;
    }
    return required.nodeSelectorTerms().stream().anyMatch(t -> termMatches(t, nodeName, labels));
  }

  /**
   * The sum of the weights of the pod's preferred node-affinity terms ({@code
   * preferredDuringSchedulingIgnoredDuringExecution}) that the node matches; 0 without any.
   */
  static int preferenceScore(Affinity affinity, String nodeName, Map<String, String> labels) {
    JsonNode preferred =
        affinity == null || affinity.nodeAffinity() == null
            ? null
            : affinity.nodeAffinity().preferred();
    if (preferred == null || !preferred.isArray()) {
      return 0;
    }
    int score = 0;
    for (JsonNode term : preferred) {
      NodeSelectorTerm preference =
          new NodeSelectorTerm(
              requirements(term.path("preference").path("matchExpressions")),
              requirements(term.path("preference").path("matchFields")));
      if (termMatches(preference, nodeName, labels)) {
        score += term.path("weight").asInt(0);
      }
    }
    return score;
  }

  private static List<NodeSelectorRequirement> requirements(JsonNode list) {
    List<NodeSelectorRequirement> requirements = new ArrayList<>();
    for (JsonNode r : list) {
      List<String> values = new ArrayList<>();
      r.path("values").forEach(v -> values.add(v.asText()));
      requirements.add(
          new NodeSelectorRequirement(
              r.path("key").asText(null), r.path("operator").asText(null), values));
    }
    return requirements;
  }

  private static boolean termMatches(
      NodeSelectorTerm term, String nodeName, Map<String, String> labels) {
    if (term.matchExpressions().isEmpty() && term.matchFields().isEmpty()) {
      return false;
    }
    return term.matchExpressions().stream().allMatch(r -> labelMatches(r, labels))
        && term.matchFields().stream().allMatch(r -> fieldMatches(r, nodeName));
  }

  private static boolean labelMatches(NodeSelectorRequirement r, Map<String, String> labels) {
    String value = labels.get(r.key());
    List<String> values = r.values();
    return switch (String.valueOf(r.operator())) {
      case "In" -> !values.isEmpty() && value != null && values.contains(value);
      case "NotIn" -> !values.isEmpty() && (value == null || !values.contains(value));
      case "Exists" -> values.isEmpty() && value != null;
      case "DoesNotExist" -> values.isEmpty() && value == null;
      case "Gt" -> compare(value, values) > 0;
      case "Lt" -> compare(value, values) < 0;
      default -> false;
    };
  }

  /**
   * Compares an integer label with the single integer of a {@code Gt}/{@code Lt}; 0 (no match for
   * either operator) when the label is absent or either side is not an integer.
   */
  private static int compare(String label, List<String> values) {
    if (label == null || values.size() != 1) {
      return 0;
    }
    try {
      return Long.compare(Long.parseLong(label), Long.parseLong(values.get(0)));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean fieldMatches(NodeSelectorRequirement r, String nodeName) {
    if (!FIELD_NAME.equals(r.key()) || r.values().size() != 1) {
      return false;
    }
    return switch (String.valueOf(r.operator())) {
      case "In" -> r.values().contains(nodeName);
      case "NotIn" -> !r.values().contains(nodeName);
      default -> false;
    };
  }
}
