package dev.targo.worker.workflow;

import dev.targo.api.temporal.NodeUpdate;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link NodeUpdate}s a workflow run has received ({@code targo resume}, {@code targo node
 * set}, {@code targo suspend}), in order, and whether the whole workflow is suspended (Argo's
 * {@code spec.suspend}). Suspend nodes read the updates that came after they started; running
 * children are passed each one ({@link ChildNodes}). Kept in workflow code: updated only by the
 * signal handler.
 */
final class Suspensions {
  private final List<NodeUpdate> updates = new ArrayList<>();
  private boolean workflowSuspended;

  void add(NodeUpdate update) {
    updates.add(update);
    if (update.suspendWorkflow() != null) {
      workflowSuspended = update.suspendWorkflow();
    }
  }

  /** True while {@code targo suspend} holds the workflow (until {@code targo resume}). */
  boolean workflowSuspended() {
    return workflowSuspended;
  }

  /**
   * Waits while the workflow is suspended, as Argo's operator does nothing while {@code
   * spec.suspend} is set; a shutdown or the workflow's deadline end the wait (targo: Argo would
   * stay suspended). Returns at once, adding nothing to the history, when it is not suspended.
   */
  void awaitResumed(RunContext ctx) {
    Workflow.await(
        () -> !workflowSuspended || ctx.shutdown().isRequested() || ctx.deadline().isCompleted());
  }

  /** How many updates have come so far. */
  int count() {
    return updates.size();
  }

  /** The update at {@code index} (from 0, in order of arrival). */
  NodeUpdate get(int index) {
    return updates.get(index);
  }
}
