package dev.targo.api.temporal;

import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.status.NodeStatus;
import java.time.Instant;
import java.util.List;

/**
 * State a run carries into its next run when it continues as new, so that an unbounded retry loop
 * keeps a bounded history: the retry loop of a container or script node (in the root {@link
 * ArgoWorkflow} or a {@link NodeWorkflow}), or of a steps or DAG node. A run continues as new only
 * between two attempts of the retry node, after the backoff before the next attempt has been waited
 * out and (for steps and DAG) once every child of the last attempt has finished, so no wait and no
 * running child is ever carried.
 *
 * @param startedAt when the first run started: the workflow's {@code status.startedAt}, also the
 *     origin of {@code spec.activeDeadlineSeconds} (in a node workflow: the node's start)
 * @param uid {@code workflow.uid}: the run id of the first run (null in a node workflow)
 * @param attemptsSoFar number of finished attempts of the retry node, all runs together
 * @param firstAttemptStartedAt when attempt 0 started (the {@code backoff.maxDuration} window)
 * @param lastOutcome the attempt that finished last ({@code lastRetry.*} of the next attempt)
 * @param excludedHosts hosts of every Failed or Error attempt so far ({@code nodeAntiAffinity}),
 *     sorted; for a steps or DAG node, the hosts of every Failed or Error pod below it
 * @param retryNode the retry node's status as it stood
 * @param attemptNodes the most recent attempt nodes, oldest first; older ones are dropped. For a
 *     steps or DAG node, every node of the kept attempts' subtrees, in creation order
 * @param omittedAttempts how many older attempt nodes were dropped from {@code attemptNodes}; for a
 *     steps or DAG node, how many pod nodes the dropped attempts' subtrees held (they still count
 *     in {@code status.progress})
 * @param omittedSucceeded how many of the dropped pod nodes had Succeeded (only a steps or DAG
 *     attempt that failed can hold some)
 */
public record Continuation(
    Instant startedAt,
    String uid,
    int attemptsSoFar,
    Instant firstAttemptStartedAt,
    AttemptOutcome lastOutcome,
    List<String> excludedHosts,
    NodeStatus retryNode,
    List<NodeStatus> attemptNodes,
    int omittedAttempts,
    int omittedSucceeded) {

  public Continuation {
    excludedHosts = excludedHosts == null ? List.of() : List.copyOf(excludedHosts);
    attemptNodes = attemptNodes == null ? List.of() : List.copyOf(attemptNodes);
  }

  /** The state of a container or script node's loop, whose dropped attempts all failed. */
  public Continuation(
      Instant startedAt,
      String uid,
      int attemptsSoFar,
      Instant firstAttemptStartedAt,
      AttemptOutcome lastOutcome,
      List<String> excludedHosts,
      NodeStatus retryNode,
      List<NodeStatus> attemptNodes,
      int omittedAttempts) {
    this(
        startedAt,
        uid,
        attemptsSoFar,
        firstAttemptStartedAt,
        lastOutcome,
        excludedHosts,
        retryNode,
        attemptNodes,
        omittedAttempts,
        0);
  }

  /** The same state, for a run that started at {@code runStartedAt} with {@code runUid}. */
  public Continuation withRun(Instant runStartedAt, String runUid) {
    return new Continuation(
        runStartedAt,
        runUid,
        attemptsSoFar,
        firstAttemptStartedAt,
        lastOutcome,
        excludedHosts,
        retryNode,
        attemptNodes,
        omittedAttempts,
        omittedSucceeded);
  }
}
