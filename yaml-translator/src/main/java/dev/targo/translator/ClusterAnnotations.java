package dev.targo.translator;

import dev.targo.argo.pod.Clusters;
import java.util.Map;

/**
 * Lint of targo's clusters extension ({@link Clusters}): the annotations {@code targo.dev/cluster}
 * and {@code targo.dev/clusters} of a template's or the workflow's pod metadata. A value holding
 * {@code {{…}}} is checked after substitution, when its attempt is planned.
 */
final class ClusterAnnotations {
  private ClusterAnnotations() {}

  /**
   * A problem at each wrong cluster annotation of {@code annotations}: both set (at the second), a
   * name that is not a DNS label or is listed twice (at the value); on a template that runs no pod
   * ({@code pod} false), the annotation itself.
   */
  static void check(Map<Str, Str> annotations, boolean pod, Problems problems) {
    Str one = null;
    Str many = null;
    for (Map.Entry<Str, Str> e : annotations.entrySet()) {
      String key = e.getKey().value();
      if (!key.equals(Clusters.CLUSTER) && !key.equals(Clusters.CLUSTERS)) {
        continue;
      }
      if (!pod) {
        problems.add(
            e.getKey().pos(),
            Code.INVALID_VALUE,
            key
                + ": only a template that runs a pod runs in a cluster; name it on the templates"
                + " this one calls");
        continue;
      }
      if (key.equals(Clusters.CLUSTER)) {
        one = e.getKey();
      } else {
        many = e.getKey();
      }
      Str value = e.getValue();
      if (value.templated()) {
        continue;
      }
      String problem = Clusters.problem(Map.of(key, value.value()));
      if (problem != null) {
        problems.add(value.pos(), Code.INVALID_VALUE, problem);
      }
    }
    if (one != null && many != null) {
      boolean oneLater =
          one.pos().line() > many.pos().line()
              || (one.pos().line() == many.pos().line()
                  && one.pos().column() > many.pos().column());
      problems.add((oneLater ? one : many).pos(), Code.INVALID_VALUE, Clusters.BOTH);
    }
  }
}
