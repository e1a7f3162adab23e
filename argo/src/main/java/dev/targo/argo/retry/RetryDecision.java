package dev.targo.argo.retry;

import dev.targo.argo.status.NodePhase;
import java.time.Duration;

/** What to do after an attempt finished: retry after a wait, or finish the retry node. */
public sealed interface RetryDecision {

  /**
   * Start the next attempt once {@code delay} has passed since the last attempt finished.
   *
   * @param delay the backoff (zero without a backoff block)
   * @param message the retry node's message while waiting ({@code Backoff for 4 seconds}), or null
   *     when there is no wait
   * @param jitter the part of {@code delay} that {@code backoff.jitter} added (zero without one)
   */
  record Retry(Duration delay, String message, Duration jitter) implements RetryDecision {

    /** A retry whose wait has no jitter. */
    public Retry(Duration delay, String message) {
      this(delay, message, Duration.ZERO);
    }
  }

  /**
   * Finish the retry node.
   *
   * @param phase Succeeded, Failed or Error
   * @param message Argo's message ({@code No more retries left}, the attempt's own message, …), or
   *     null
   */
  record Finish(NodePhase phase, String message) implements RetryDecision {}
}
