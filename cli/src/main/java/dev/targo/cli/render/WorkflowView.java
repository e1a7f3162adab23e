package dev.targo.cli.render;

import dev.targo.argo.plan.Parameter;
import dev.targo.argo.status.WorkflowStatus;
import java.time.Instant;
import java.util.List;

/**
 * What {@code argo get} shows of a workflow: its identity, arguments and Argo-shaped status.
 *
 * @param name workflow name
 * @param namespace Kubernetes namespace
 * @param serviceAccountName {@code spec.serviceAccountName}, or null
 * @param createdAt when the workflow was submitted
 * @param parameters effective {@code spec.arguments.parameters}
 * @param status the status, as the workflow reports it
 */
public record WorkflowView(
    String name,
    String namespace,
    String serviceAccountName,
    Instant createdAt,
    List<Parameter> parameters,
    WorkflowStatus status) {

  public WorkflowView {
    parameters = parameters == null ? List.of() : List.copyOf(parameters);
  }
}
