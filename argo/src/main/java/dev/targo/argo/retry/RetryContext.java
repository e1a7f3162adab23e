package dev.targo.argo.retry;

import dev.targo.argo.pod.AttemptOutcome;
import java.time.Instant;

/**
 * What {@link RetryDecider} needs to know besides the strategy. Bounded in size whatever the number
 * of attempts, so it can travel across continue-as-new.
 *
 * @param attemptsSoFar number of finished attempts (≥ 1)
 * @param firstAttemptStartedAt when attempt 0 started ({@code maxDuration} window start)
 * @param last the attempt that just finished
 * @param now the current workflow time ({@code Workflow.currentTimeMillis()})
 * @param workflowDeadline when the workflow's {@code activeDeadlineSeconds} passes, or null
 * @param stopStrategy {@code Stop} or {@code Terminate} while the workflow is being stopped, or
 *     null
 * @param jitterKey what seeds {@code backoff.jitter} with the attempt count: the workflow and the
 *     node ({@link Backoffs#jitter}); null gives every node the same share
 */
public record RetryContext(
    int attemptsSoFar,
    Instant firstAttemptStartedAt,
    AttemptOutcome last,
    Instant now,
    Instant workflowDeadline,
    String stopStrategy,
    String jitterKey) {

  /** A context without a jitter key. */
  public RetryContext(
      int attemptsSoFar,
      Instant firstAttemptStartedAt,
      AttemptOutcome last,
      Instant now,
      Instant workflowDeadline,
      String stopStrategy) {
    this(attemptsSoFar, firstAttemptStartedAt, last, now, workflowDeadline, stopStrategy, null);
  }
}
