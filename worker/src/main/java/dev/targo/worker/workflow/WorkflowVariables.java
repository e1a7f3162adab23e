package dev.targo.worker.workflow;

import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.flow.GlobalVariables;
import dev.targo.argo.flow.GoJson;
import dev.targo.argo.flow.WorkflowTimes;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.status.NodePhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The {@code {{…}}} variables a workflow gives its entrypoint template: {@code workflow.*} and the
 * entrypoint's {@code inputs.parameters.*}. Pure; sorted maps keep every use deterministic.
 */
public final class WorkflowVariables {
  private WorkflowVariables() {}

  /**
   * The Kubernetes namespace a run names: the one it was given, else the plan's; null when neither
   * names one (the worker's executor chooses, see {@link ArgoWorkflowImpl}).
   */
  public static String declaredNamespace(WorkflowRun run) {
    if (run.namespace() != null && !run.namespace().isBlank()) {
      return run.namespace();
    }
    String planned = run.plan().namespace();
    return planned != null && !planned.isBlank() ? planned : null;
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
   * The variables of every template of the run, as Argo's controller sets them: {@code
   * workflow.name}, {@code .status} ({@code Running}), {@code .namespace} (the namespace the run's
   * pods go to), {@code .uid}, {@code .mainEntrypoint}, {@code .serviceAccountName}, {@code
   * .creationTimestamp.s} (the first run's start, from which {@link WorkflowTimes} derives the
   * other forms), {@code .parameters.<name>} and {@code .parameters} / {@code .parameters.json}
   * (the arguments as a JSON list), {@code .labels.<name>} and {@code .annotations.<name>} with
   * their JSON objects ({@code .labels}, {@code .labels.json}, …), {@code .priority} when {@code
   * spec.priority} is set, and {@code .scheduledTime} when the workflow has Argo's cron annotation.
   * The forms derived from others (the creation time's, {@code workflow.duration}, the {@code
   * .json} aliases) are added where a template is substituted ({@link GlobalVariables#expand}).
   */
  public static SortedMap<String, String> globals(
      WorkflowRun run, String namespace, String uid, Instant startedAt) {
    SortedMap<String, String> vars = new TreeMap<>();
    WorkflowPlan plan = run.plan();
    vars.put("workflow.name", run.name());
    // Argo's setGlobalRuntimeParameters (operator.go): the workflow's phase while it runs; the exit
    // handler is given the final one.
    vars.put("workflow.status", NodePhase.Running.name());
    vars.put("workflow.namespace", namespace);
    vars.put("workflow.uid", uid);
    vars.put("workflow.mainEntrypoint", plan.entrypoint());
    vars.put(
        "workflow.serviceAccountName",
        plan.serviceAccountName() == null ? "" : plan.serviceAccountName());
    vars.put(
        GlobalVariables.CREATION_SECONDS,
        WorkflowTimes.creation(startedAt).get(GlobalVariables.CREATION_SECONDS));
    for (Map.Entry<String, String> p : parameters(run).entrySet()) {
      vars.put("workflow.parameters." + p.getKey(), p.getValue());
    }
    vars.put("workflow.parameters", GoJson.parameters(arguments(run)));
    metadata(vars, "labels", plan.labels());
    metadata(vars, "annotations", plan.annotations());
    if (plan.priority() != null) {
      // Argo's setGlobalRuntimeParameters: only when spec.priority is set.
      vars.put("workflow.priority", Integer.toString(plan.priority()));
    }
    String scheduled = plan.annotations().get(SCHEDULED_TIME_ANNOTATION);
    if (scheduled != null) {
      vars.put("workflow.scheduledTime", scheduled);
    }
    return vars;
  }

  /** Argo's annotation on a workflow started by a cron workflow. */
  static final String SCHEDULED_TIME_ANNOTATION = "workflows.argoproj.io/scheduled-time";

  private static void metadata(
      SortedMap<String, String> vars, String kind, Map<String, String> values) {
    SortedMap<String, String> sorted = new TreeMap<>(values);
    sorted.forEach((k, v) -> vars.put("workflow." + kind + "." + k, v));
    vars.put("workflow." + kind, GoJson.object(sorted));
  }

  /**
   * {@code spec.arguments.parameters} as the submitted workflow holds them: a value given at submit
   * time replaces the declared one, and one for an undeclared parameter is appended (by name).
   */
  static List<Parameter> arguments(WorkflowRun run) {
    List<Parameter> out = new ArrayList<>();
    SortedMap<String, String> extra = new TreeMap<>(run.parameters());
    for (Parameter p : run.plan().arguments()) {
      String given = extra.remove(p.name());
      out.add(
          given == null
              ? p
              : new Parameter(p.name(), given, p.defaultValue(), p.description(), p.enumValues()));
    }
    extra.forEach((name, value) -> out.add(Parameter.of(name, value)));
    return out;
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
