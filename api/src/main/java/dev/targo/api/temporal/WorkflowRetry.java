package dev.targo.api.temporal;

import dev.targo.argo.status.NodeStatus;
import java.util.List;

/**
 * What a run started by {@code targo retry} (Argo's {@code argo retry}, {@code
 * FormulateRetryWorkflow}) takes from the run it retries: the nodes it keeps as they were, which it
 * adopts into its status without running them, and the pods of the nodes that run again, which go
 * before any of them starts (a new attempt's pod has the name of the old one).
 *
 * <p>A workflow started by {@code targo resubmit --memoized} (Argo's {@code
 * FormulateResubmitWorkflow} with {@code memoized}) takes the same: the old workflow's carried-over
 * nodes, renamed to the new workflow, a uid of its own, and no pod to delete.
 *
 * @param uid {@code workflow.uid}: the retried run's, since Argo retries the same object
 * @param retainedNodes Argo's kept nodes that are fulfilled ({@code status.nodes} entries, with
 *     their outputs, host and times), in the order of the old status
 * @param podsToDelete the pods Argo's retry deletes, deleted by the run before it starts anything
 */
public record WorkflowRetry(String uid, List<NodeStatus> retainedNodes, List<String> podsToDelete) {

  public WorkflowRetry {
    retainedNodes = retainedNodes == null ? List.of() : List.copyOf(retainedNodes);
    podsToDelete = podsToDelete == null ? List.of() : List.copyOf(podsToDelete);
  }
}
