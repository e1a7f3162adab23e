package dev.targo.api.temporal;

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
 */
public record WorkflowRun(
    String name,
    String namespace,
    WorkflowPlan plan,
    Map<String, String> parameters,
    Continuation continuation) {

  public WorkflowRun {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }
}
