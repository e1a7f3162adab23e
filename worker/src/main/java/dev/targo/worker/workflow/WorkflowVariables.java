package dev.targo.worker.workflow;

import dev.targo.api.Names;
import dev.targo.api.plan.Parameter;
import dev.targo.api.plan.Template;
import dev.targo.api.temporal.WorkflowRun;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code {{…}}} variables a workflow gives its entrypoint template: {@code workflow.*} and the
 * entrypoint's {@code inputs.parameters.*}. Pure; sorted maps keep every use deterministic.
 */
public final class WorkflowVariables {
  private WorkflowVariables() {}

  /** The Kubernetes namespace of a run: the one it was given, else the plan's, else default. */
  public static String namespace(WorkflowRun run) {
    if (run.namespace() != null && !run.namespace().isBlank()) {
      return run.namespace();
    }
    String planned = run.plan().namespace();
    return planned != null && !planned.isBlank() ? planned : Names.DEFAULT_NAMESPACE;
  }

  /**
   * {@code spec.arguments.parameters} with the values given at submit time applied; a value given
   * for a parameter the plan does not declare is added, as {@code argo submit -p} does.
   */
  public static SortedMap<String, String> parameters(WorkflowRun run) {
    SortedMap<String, String> values = new TreeMap<>();
    for (Parameter p : run.plan().arguments()) {
      String value = p.effectiveValue();
      if (value != null) {
        values.put(p.name(), value);
      }
    }
    values.putAll(run.parameters());
    return values;
  }

  /**
   * Variables for the entrypoint template: {@code workflow.name}, {@code workflow.namespace},
   * {@code workflow.uid}, {@code workflow.parameters.<name>} and {@code inputs.parameters.<name>}
   * (the workflow argument of the same name, else the input's own value or default).
   */
  public static SortedMap<String, String> forEntrypoint(
      WorkflowRun run, String uid, Template entrypoint) {
    SortedMap<String, String> vars = globals(run, uid);
    vars.putAll(entrypointInputs(run, entrypoint));
    return vars;
  }

  /**
   * The variables of every template of the run: {@code workflow.name}, {@code workflow.namespace},
   * {@code workflow.uid} and {@code workflow.parameters.<name>}.
   */
  public static SortedMap<String, String> globals(WorkflowRun run, String uid) {
    SortedMap<String, String> vars = new TreeMap<>();
    vars.put("workflow.name", run.name());
    vars.put("workflow.namespace", namespace(run));
    vars.put("workflow.uid", uid);
    for (Map.Entry<String, String> p : parameters(run).entrySet()) {
      vars.put("workflow.parameters." + p.getKey(), p.getValue());
    }
    return vars;
  }

  /**
   * {@code inputs.parameters.<name>} of the entrypoint (or the exit handler): the workflow argument
   * of the same name, else the input's own value or default.
   */
  public static SortedMap<String, String> entrypointInputs(WorkflowRun run, Template entrypoint) {
    SortedMap<String, String> vars = new TreeMap<>();
    SortedMap<String, String> parameters = parameters(run);
    for (Parameter input : entrypoint.inputs()) {
      String value = parameters.getOrDefault(input.name(), input.effectiveValue());
      if (value != null) {
        vars.put("inputs.parameters." + input.name(), value);
      }
    }
    return vars;
  }
}
