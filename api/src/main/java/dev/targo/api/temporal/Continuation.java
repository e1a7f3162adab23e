package dev.targo.api.temporal;

import dev.targo.argo.retry.AttemptHistory;
import dev.targo.argo.status.NodeStatus;
import java.time.Instant;
import java.util.List;

/**
 * What a retry loop carries into the next run of its workflow when it continues as new, so that a
 * node retried for ever keeps a bounded history: the retry node at the top of the workflow (the
 * entrypoint in {@link ArgoWorkflow}, the node in a {@link NodeWorkflow}), whatever its template. A
 * run continues as new only between two attempts, after the backoff before the next one has been
 * waited out and once every child of the last attempt has finished, so no wait and no running child
 * is ever carried.
 *
 * @param startedAt when the first run started: the workflow's {@code status.startedAt}, also the
 *     origin of {@code spec.activeDeadlineSeconds} (in a node workflow: the node's start)
 * @param uid {@code workflow.uid}: the run id of the first run (null in a node workflow)
 * @param attempts the loop's memory of its finished attempts (count, window start, last outcome,
 *     failed hosts)
 * @param retryNode the retry node's status as it stood
 * @param attemptNodes every node of the kept attempts' subtrees, in creation order (the most recent
 *     attempts; older ones are dropped)
 * @param omittedPods how many pod nodes the dropped attempts held (they still count in {@code
 *     status.progress})
 * @param omittedSucceeded how many of the dropped pod nodes had Succeeded (only a steps or DAG
 *     attempt that failed can hold some)
 */
public record Continuation(
    Instant startedAt,
    String uid,
    AttemptHistory attempts,
    NodeStatus retryNode,
    List<NodeStatus> attemptNodes,
    int omittedPods,
    int omittedSucceeded) {

  public Continuation {
    attemptNodes = attemptNodes == null ? List.of() : List.copyOf(attemptNodes);
  }

  /** The same state, for a run that started at {@code runStartedAt} with {@code runUid}. */
  public Continuation withRun(Instant runStartedAt, String runUid) {
    return new Continuation(
        runStartedAt, runUid, attempts, retryNode, attemptNodes, omittedPods, omittedSucceeded);
  }
}
