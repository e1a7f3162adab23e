package dev.targo.argo.retry;

import java.time.Duration;
import java.time.Instant;

/** How long to wait before the next attempt. Pure. */
public final class Waits {
  private Waits() {}

  /**
   * The part of {@code delay} still to wait at {@code now}: Argo waits until the last attempt's
   * {@code finishedAt + delay}, so time that passed since the attempt finished (a slow worker, a
   * result adopted after a crash) is not waited again. Elapsed time counts in whole seconds: pod
   * timestamps have second precision, and a sub-second gap is only the latency of delivering the
   * result, which must not shorten a backoff below what the user configured.
   *
   * @param lastFinishedAt when the last attempt finished, or null when unknown (wait it all)
   */
  public static Duration remaining(Duration delay, Instant lastFinishedAt, Instant now) {
    if (lastFinishedAt == null || !now.isAfter(lastFinishedAt)) {
      return delay;
    }
    Duration elapsed = Duration.ofSeconds(Duration.between(lastFinishedAt, now).toSeconds());
    Duration rest = delay.minus(elapsed);
    return rest.isNegative() ? Duration.ZERO : rest;
  }
}
