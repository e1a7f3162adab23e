package dev.targo.argo.flow;

import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.status.NodeOutputs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outputs of a suspend node as Argo keeps them ({@code addRawOutputFields}, {@code
 * OverrideOutputParametersWithDefault} and {@code updateSuspendedNode} of {@code
 * workflow/util/util.go}): a {@code valueFrom.supplied} parameter has no value until {@code node
 * set} or {@code resume} gives one; when the node resumes (or its duration passes) a parameter
 * still unset takes its default, and without one the resume is an error. Literal {@code value}
 * outputs are set from the start. Immutable; pure.
 */
public final class SuspendedOutputs {
  private final List<OutputParameter> declared;
  private final Map<String, String> values;

  private SuspendedOutputs(List<OutputParameter> declared, Map<String, String> values) {
    this.declared = declared;
    this.values = values;
  }

  /** The outputs of a suspend template as its node starts. */
  public static SuspendedOutputs of(List<OutputParameter> declared) {
    Map<String, String> values = new LinkedHashMap<>();
    for (OutputParameter p : declared) {
      if (!Boolean.TRUE.equals(p.supplied()) && p.value() != null) {
        values.put(p.name(), p.value());
      }
    }
    return new SuspendedOutputs(List.copyOf(declared), values);
  }

  /**
   * The outputs of a waiting suspend node as its status shows them ({@link #waiting()}): a
   * parameter without a value is a supplied one not set yet.
   */
  public static SuspendedOutputs shown(NodeOutputs outputs) {
    List<OutputParameter> declared = new ArrayList<>();
    if (outputs != null) {
      for (Parameter p : outputs.parameters()) {
        declared.add(
            new OutputParameter(
                p.name(),
                null,
                null,
                p.value(),
                p.defaultValue(),
                p.description(),
                null,
                p.value() == null ? Boolean.TRUE : null));
      }
    }
    return of(declared);
  }

  /**
   * With {@code given} values set, as {@code argo node set --output-parameter} sets them.
   *
   * @throws IllegalArgumentException with Argo's message when a name is not a supplied output of
   *     the node or was set already
   */
  public SuspendedOutputs set(Map<String, String> given) {
    if (!given.isEmpty() && declared.stream().noneMatch(p -> Boolean.TRUE.equals(p.supplied()))) {
      throw new IllegalArgumentException(
          "cannot set output parameters because node is not expecting any raw parameters");
    }
    Map<String, String> next = new LinkedHashMap<>(values);
    for (Map.Entry<String, String> e : given.entrySet()) {
      OutputParameter p = declared(e.getKey());
      if (p == null) {
        throw new IllegalArgumentException(
            "node is not expecting output parameter '" + e.getKey() + "'");
      }
      if (!Boolean.TRUE.equals(p.supplied()) || values.containsKey(p.name())) {
        throw new IllegalArgumentException(
            "cannot set output parameter '"
                + p.name()
                + "' because it does not use valueFrom.raw or it was already set");
      }
      next.put(p.name(), e.getValue());
    }
    return new SuspendedOutputs(declared, next);
  }

  /**
   * The first supplied output that has neither a value nor a default, in Argo's words ({@code raw
   * output parameter 'x' has not been set and does not have a default value}), or null when the
   * node can resume.
   */
  public String unresumable() {
    for (OutputParameter p : declared) {
      if (Boolean.TRUE.equals(p.supplied())
          && !values.containsKey(p.name())
          && p.defaultValue() == null) {
        return "raw output parameter '"
            + p.name()
            + "' has not been set and does not have a default value";
      }
    }
    return null;
  }

  /** The node's outputs while it waits (or ends without resuming): set values only. */
  public NodeOutputs waiting() {
    return outputs(false);
  }

  /** The node's outputs once resumed: unset supplied parameters take their default. */
  public NodeOutputs resumed() {
    return outputs(true);
  }

  private NodeOutputs outputs(boolean defaults) {
    if (declared.isEmpty()) {
      return null;
    }
    List<Parameter> parameters = new ArrayList<>();
    for (OutputParameter p : declared) {
      String value = values.get(p.name());
      if (value == null && defaults) {
        value = p.defaultValue();
      }
      parameters.add(new Parameter(p.name(), value, p.defaultValue(), p.description()));
    }
    return new NodeOutputs(null, null, parameters);
  }

  private OutputParameter declared(String name) {
    return declared.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }
}
