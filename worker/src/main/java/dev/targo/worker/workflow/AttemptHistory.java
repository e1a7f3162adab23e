package dev.targo.worker.workflow;

import dev.targo.argo.pod.AttemptOutcome;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * What a retry loop remembers about its finished attempts, bounded in size however many there were,
 * so that it can travel across continue-as-new. Pure.
 *
 * @param attemptsSoFar number of finished attempts
 * @param firstAttemptStartedAt when attempt 0 started (the {@code maxDuration} window), or null
 * @param last the attempt that finished last, or null
 * @param failedHosts hosts of every Failed or Error attempt, sorted, without duplicates
 */
public record AttemptHistory(
    int attemptsSoFar,
    Instant firstAttemptStartedAt,
    AttemptOutcome last,
    List<String> failedHosts) {

  /** Before the first attempt. */
  public static final AttemptHistory NONE = new AttemptHistory(0, null, null, List.of());

  public AttemptHistory {
    failedHosts = List.copyOf(failedHosts);
  }

  /**
   * With one more finished attempt. Its host joins the failed hosts when it Failed or Errored and
   * ran somewhere: an attempt never scheduled has no host, and excluding {@code ""} would be
   * meaningless (ARGO-SEMANTICS §6).
   *
   * @param outcome how the attempt ended
   * @param nodeStartedAt when the attempt's node was created (Argo's window starts there)
   */
  public AttemptHistory record(AttemptOutcome outcome, Instant nodeStartedAt) {
    TreeSet<String> hosts = new TreeSet<>(failedHosts);
    String host = outcome.hostNodeName();
    if (outcome.phase().failedOrError() && host != null && !host.isBlank()) {
      hosts.add(host);
    }
    Instant first = firstAttemptStartedAt != null ? firstAttemptStartedAt : nodeStartedAt;
    return new AttemptHistory(attemptsSoFar + 1, first, outcome, List.copyOf(hosts));
  }
}
