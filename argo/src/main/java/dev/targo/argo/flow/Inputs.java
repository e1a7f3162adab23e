package dev.targo.argo.flow;

import dev.targo.argo.Artifacts;
import dev.targo.argo.plan.Artifact;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.Template;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code inputs.parameters.*} of a template called by a step or task, as Argo's {@code
 * ProcessArgs} binds them: the argument of the same name, else the input's {@code value}, else its
 * {@code default}. Pure.
 */
public final class Inputs {
  private Inputs() {}

  /** The bound inputs, or why the call cannot be made. */
  public sealed interface Binding {
    /** Every input has a value. */
    record Bound(SortedMap<String, String> vars) implements Binding {}

    /** An input has no value: the node ends Error with {@code message}. */
    record Missing(String message) implements Binding {}
  }

  /** Binds {@code template}'s inputs to {@code arguments} (already substituted). */
  public static Binding bind(Template template, List<Parameter> arguments) {
    return bind(template, arguments, List.of());
  }

  /**
   * Binds {@code template}'s input parameters to {@code arguments} and its input artifacts to
   * {@code artifacts} ({@link Artifacts#bind}), all already substituted.
   */
  public static Binding bind(
      Template template, List<Parameter> arguments, List<Artifact> artifacts) {
    Binding parameters = bindParameters(template, arguments);
    if (!(parameters instanceof Binding.Bound bound) || template.inputArtifacts().isEmpty()) {
      return parameters;
    }
    Artifacts.Binding a = Artifacts.bind(template.inputArtifacts(), artifacts);
    if (a.missing() != null) {
      return new Binding.Missing(a.missing());
    }
    SortedMap<String, String> vars = new TreeMap<>(bound.vars());
    vars.putAll(a.vars());
    return new Binding.Bound(vars);
  }

  private static Binding bindParameters(Template template, List<Parameter> arguments) {
    SortedMap<String, String> vars = new TreeMap<>();
    for (Parameter input : template.inputs()) {
      String value = input.effectiveValue();
      boolean absent = false;
      for (Parameter arg : arguments) {
        if (arg.name().equals(input.name()) && arg.value() != null) {
          // A reference to a skipped node's output without a default counts as not supplied.
          absent = arg.value().equals(SkippedOutputs.ABSENT);
          value = absent ? input.effectiveValue() : arg.value();
        }
      }
      if (value == null && absent) {
        return new Binding.Missing(
            "inputs.parameters."
                + input.name()
                + ": argument references an absent optional (skipped/omitted node output with no"
                + " default)");
      }
      if (value == null) {
        return new Binding.Missing("inputs.parameters." + input.name() + " was not supplied");
      }
      vars.put("inputs.parameters." + input.name(), value);
    }
    return new Binding.Bound(vars);
  }
}
