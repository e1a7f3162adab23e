package dev.targo.api.temporal;

import dev.targo.api.status.NodeStatus;
import java.time.Instant;
import java.util.List;

/**
 * State an {@link ArgoWorkflow} run carries into its next run when it continues as new, so that an
 * unbounded retry loop keeps a bounded history. A run continues as new only between two attempts of
 * the entrypoint's retry node, after the backoff before the next attempt has been waited out, so no
 * wait is ever carried.
 *
 * @param startedAt when the first run started: the workflow's {@code status.startedAt}, also the
 *     origin of {@code spec.activeDeadlineSeconds}
 * @param uid {@code workflow.uid}: the run id of the first run
 * @param attemptsSoFar number of finished attempts of the retry node, all runs together
 * @param firstAttemptStartedAt when attempt 0 started (the {@code backoff.maxDuration} window)
 * @param lastOutcome the attempt that finished last ({@code lastRetry.*} of the next attempt)
 * @param excludedHosts hosts of every Failed or Error attempt so far ({@code nodeAntiAffinity}),
 *     sorted
 * @param retryNode the retry node's status as it stood
 * @param attemptNodes the most recent attempt nodes, oldest first; older ones are dropped
 * @param omittedAttempts how many older attempt nodes were dropped from {@code attemptNodes}
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
    int omittedAttempts) {

  public Continuation {
    excludedHosts = excludedHosts == null ? List.of() : List.copyOf(excludedHosts);
    attemptNodes = attemptNodes == null ? List.of() : List.copyOf(attemptNodes);
  }
}
