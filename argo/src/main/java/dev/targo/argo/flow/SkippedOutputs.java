package dev.targo.argo.flow;

import dev.targo.argo.plan.OutputParameter;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a Skipped or Omitted step or task that produced no outputs leaves in scope for the nodes
 * after it, as Argo 4.1 does ({@code addSkippedNodeOutputsToScope} in {@code
 * workflow/controller/scope.go}): each output parameter its template declares, with its {@code
 * valueFrom.default} where it has one, else as an <i>absent optional</i>. An argument that is
 * exactly a reference to an absent optional is treated as not supplied, so the input's own default
 * applies ({@link Inputs#bind}, Argo's {@code ProcessArgs}); within a longer text it cannot be
 * substituted. Pure.
 */
public final class SkippedOutputs {
  private SkippedOutputs() {}

  /**
   * Argo's {@code common.AbsentOptionalArgumentValue}: the value an absent optional takes in scope,
   * which survives substitution and is recognised where arguments are bound.
   */
  public static final String ABSENT = dev.targo.argo.expr.Expr.ABSENT;

  /**
   * {@code prefix.name.outputs.parameters.p} for each declared output parameter {@code p}.
   *
   * @param prefix {@code steps} or {@code tasks}
   * @param declared the output parameters of the template the skipped node would have run
   */
  public static SortedMap<String, String> of(
      String prefix, String name, List<OutputParameter> declared) {
    SortedMap<String, String> vars = new TreeMap<>();
    for (OutputParameter p : declared) {
      vars.put(
          prefix + "." + name + ".outputs.parameters." + p.name(),
          p.defaultValue() != null ? p.defaultValue() : ABSENT);
    }
    return vars;
  }

  /** True when {@code value} is an absent optional inside a longer text, which Argo refuses. */
  public static boolean embedded(String value) {
    return value != null && !value.equals(ABSENT) && value.contains(ABSENT);
  }
}
