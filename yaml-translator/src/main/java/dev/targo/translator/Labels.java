package dev.targo.translator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Labels, annotations and node selectors: their keys and (for labels) values as Kubernetes checks
 * them.
 */
final class Labels {
  private Labels() {}

  /**
   * The plain map; a problem for every invalid key, and for every invalid value when {@code
   * labelValues} (annotation values may hold anything). Values holding {@code {{…}}} are checked
   * after substitution, at run time.
   */
  static Map<String, String> check(Map<Str, Str> raw, boolean labelValues, Problems problems) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<Str, Str> e : raw.entrySet()) {
      String keyProblem = KubeNames.key(e.getKey().value());
      if (keyProblem != null) {
        problems.add(e.getKey().pos(), Code.INVALID_VALUE, keyProblem);
      }
      Str value = e.getValue();
      String valueProblem =
          labelValues && !value.templated() ? KubeNames.labelValue(value.value()) : null;
      if (valueProblem != null) {
        problems.add(value.pos(), Code.INVALID_VALUE, valueProblem);
      }
      values.put(e.getKey().value(), value.value());
    }
    return values;
  }
}
