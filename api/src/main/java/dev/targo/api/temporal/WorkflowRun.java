package dev.targo.api.temporal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.targo.argo.plan.WorkflowPlan;
import java.util.Map;

/**
 * Input of the {@link ArgoWorkflow} workflow.
 *
 * @param name the workflow name ({@code metadata.name}, or {@code generateName} + suffix); also the
 *     Temporal workflow id
 * @param namespace the Kubernetes namespace the pods run in
 * @param plan the translated workflow
 * @param parameters values given at submit time ({@code -p name=value}), overriding {@code
 *     spec.arguments.parameters}
 * @param continuation state carried across continue-as-new, or null on the first run
 * @param retry what a run started by {@code targo retry} keeps of the run it retries, or null (left
 *     out of the JSON then: runs recorded before it existed read and replay the same)
 */
public record WorkflowRun(
    String name,
    String namespace,
    WorkflowPlan plan,
    Map<String, String> parameters,
    Continuation continuation,
    @JsonInclude(JsonInclude.Include.NON_NULL) WorkflowRetry retry) {

  /** A run that retries nothing. */
  public WorkflowRun(
      String name,
      String namespace,
      WorkflowPlan plan,
      Map<String, String> parameters,
      Continuation continuation) {
    this(name, namespace, plan, parameters, continuation, null);
  }

  public WorkflowRun {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }
}
