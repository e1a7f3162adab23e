package dev.targo.argo.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A Kubernetes {@code affinity} ({@code template.affinity}). Node affinity is typed because targo
 * reads and changes it (placement by the {@code local} executor, {@code nodeAntiAffinity}
 * exclusions); pod (anti-)affinity and preferred terms pass through as JSON.
 *
 * @param nodeAffinity {@code nodeAffinity}, or null
 * @param podAffinity {@code podAffinity}, or null
 * @param podAntiAffinity {@code podAntiAffinity}, or null
 */
public record Affinity(NodeAffinity nodeAffinity, JsonNode podAffinity, JsonNode podAntiAffinity) {

  /**
   * {@code nodeAffinity}.
   *
   * @param required {@code requiredDuringSchedulingIgnoredDuringExecution}, or null
   * @param preferred {@code preferredDuringSchedulingIgnoredDuringExecution} as JSON, or null
   */
  public record NodeAffinity(NodeSelector required, JsonNode preferred) {}

  /**
   * A {@code NodeSelector}: its terms are ORed.
   *
   * @param nodeSelectorTerms {@code nodeSelectorTerms}
   */
  public record NodeSelector(List<NodeSelectorTerm> nodeSelectorTerms) {
    public NodeSelector {
      nodeSelectorTerms = nodeSelectorTerms == null ? List.of() : List.copyOf(nodeSelectorTerms);
    }
  }

  /**
   * A {@code NodeSelectorTerm}: its requirements are ANDed.
   *
   * @param matchExpressions {@code matchExpressions}
   * @param matchFields {@code matchFields}
   */
  public record NodeSelectorTerm(
      List<NodeSelectorRequirement> matchExpressions, List<NodeSelectorRequirement> matchFields) {
    public NodeSelectorTerm {
      matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
      matchFields = matchFields == null ? List.of() : List.copyOf(matchFields);
    }
  }

  /**
   * A {@code NodeSelectorRequirement}.
   *
   * @param key {@code key}
   * @param operator {@code operator}: In, NotIn, Exists, DoesNotExist, Gt, Lt
   * @param values {@code values}
   */
  public record NodeSelectorRequirement(String key, String operator, List<String> values) {
    public NodeSelectorRequirement {
      values = values == null ? List.of() : List.copyOf(values);
    }
  }
}
