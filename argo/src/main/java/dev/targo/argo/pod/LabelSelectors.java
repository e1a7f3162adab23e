package dev.targo.argo.pod;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a Kubernetes {@code LabelSelector} ({@code matchLabels} and {@code matchExpressions} with
 * {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}) selects a set of labels, as
 * {@code metav1.LabelSelectorAsSelector} decides. Every requirement must hold; an empty selector
 * selects everything. Pure.
 */
public final class LabelSelectors {
  private LabelSelectors() {}

  /** True when {@code selector} (null selects everything) selects {@code labels}. */
  public static boolean matches(JsonNode selector, Map<String, String> labels) {
    if (selector == null || selector.isNull()) {
      return true;
    }
    var matchLabels = selector.path("matchLabels").fields();
    while (matchLabels.hasNext()) {
      var e = matchLabels.next();
      if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
        return false;
      }
    }
    for (JsonNode requirement : selector.path("matchExpressions")) {
      String key = requirement.path("key").asText();
      List<String> values = new ArrayList<>();
      requirement.path("values").forEach(v -> values.add(v.asText()));
      boolean has = labels.containsKey(key);
      boolean holds =
          switch (requirement.path("operator").asText()) {
            case "In" -> has && values.contains(labels.get(key));
            case "NotIn" -> !has || !values.contains(labels.get(key));
            case "Exists" -> has;
            case "DoesNotExist" -> !has;
            default -> false;
          };
      if (!holds) {
        return false;
      }
    }
    return true;
  }
}
