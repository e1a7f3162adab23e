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
   */
  record Retry(Duration delay, String message) implements RetryDecision {}

  /**
   * Finish the retry node.
   *
   * @param phase Succeeded, Failed or Error
   * @param message Argo's message ({@code No more retries left}, the attempt's own message, …), or
   *     null
   */
  record Finish(NodePhase phase, String message) implements RetryDecision {}
}
