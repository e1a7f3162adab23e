package dev.targo.argo.retry;

import dev.targo.argo.RetryStrategy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * Backoff arithmetic of ARGO-SEMANTICS §4: {@code duration × factor^(N-1)}, capped, saturating at
 * Go's largest duration instead of overflowing. Pure.
 */
public final class Backoffs {
  private Backoffs() {}

  /** Go's {@code time.Duration} maximum, where Argo's own overflow guard saturates. */
  public static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);

  /**
   * The wait before the retry that follows {@code attemptsSoFar} attempts: the first retry waits
   * exactly {@code duration}; a factor of 0 (or none) means no growth, as in Argo.
   */
  public static Duration delay(RetryStrategy.Backoff backoff, int attemptsSoFar) {
    Duration wait = backoff.duration();
    BigDecimal factor = backoff.factor();
    int exponent = Math.max(0, attemptsSoFar - 1);
    if (factor != null && factor.signum() > 0 && exponent > 0) {
      wait = grow(wait, factor, exponent);
    }
    if (backoff.cap() != null && wait.compareTo(backoff.cap()) > 0) {
      wait = backoff.cap();
    }
    return wait;
  }

  /**
   * The end of the {@code maxDuration} window (attempt 0's start plus {@code maxDuration}), or null
   * when there is no backoff or no {@code maxDuration}.
   */
  public static Instant windowEnd(RetryStrategy strategy, Instant firstAttemptStartedAt) {
    RetryStrategy.Backoff b = strategy.backoff();
    if (b == null || b.maxDuration() == null) {
      return null;
    }
    return firstAttemptStartedAt.plus(b.maxDuration());
  }

  private static Duration grow(Duration base, BigDecimal factor, int exponent) {
    if (base.compareTo(MAX) >= 0) {
      return MAX;
    }
    long nanos = base.toNanos();
    if (nanos == 0) {
      return Duration.ZERO;
    }
    // Decide saturation on logarithms first, so a huge exponent never builds a huge number.
    double log10 = exponent * Math.log10(factor.doubleValue()) + Math.log10(nanos);
    if (!(log10 < 19.5)) {
      return MAX;
    }
    BigDecimal grown = BigDecimal.valueOf(nanos).multiply(factor.pow(exponent));
    if (grown.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) >= 0) {
      return MAX;
    }
    return Duration.ofNanos(grown.longValue());
  }
}
