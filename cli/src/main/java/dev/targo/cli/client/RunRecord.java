package dev.targo.cli.client;

import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.cli.render.WorkflowView;
import java.time.Instant;

/**
 * What a client reads of one submitted workflow: its input, its memo YAML and its current status.
 *
 * @param name the workflow name (Temporal workflow id)
 * @param namespace the Kubernetes namespace it runs in
 * @param plan the plan it was started with
 * @param yaml the submitted YAML (memo), or an empty string when another client left none
 * @param createdAt when it was submitted
 * @param running true while its Temporal execution is open
 * @param status its Argo-shaped status, merged with the live progress of running pods
 * @param notice what the user should know about where {@code status} came from (no worker answered,
 *     so it was rebuilt from the history), or null
 * @param input the input of its current run
 * @param uid its {@code workflow.uid}: the first run's id, or the one a retried run keeps
 */
public record RunRecord(
    String name,
    String namespace,
    WorkflowPlan plan,
    String yaml,
    Instant createdAt,
    boolean running,
    WorkflowStatus status,
    String notice,
    WorkflowRun input,
    String uid) {

  /** The view {@code targo get} prints. */
  public WorkflowView view() {
    return new WorkflowView(
        name, namespace, plan.serviceAccountName(), createdAt, plan.arguments(), status);
  }
}
