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

  /**
   * targo's {@code backoff.jitter}: how much longer than {@code wait} the retry that follows {@code
   * attemptsSoFar} attempts of {@code key} waits, between 0 and {@code wait × jitter}, in whole
   * milliseconds. As Kubernetes' {@code wait.Jitter}, it only adds: no retry comes sooner than the
   * backoff says, and {@code cap} bounds the backoff before the jitter. The share is deterministic
   * — a hash of {@code key} (the workflow and node) and the attempt count — so a workflow replays
   * the same wait, while many nodes that failed together spread out.
   *
   * @param jitter the fraction from 0 to 1, or null for none
   */
  public static Duration jitter(Duration wait, BigDecimal jitter, String key, int attemptsSoFar) {
    if (jitter == null || jitter.signum() <= 0 || wait.isZero() || wait.compareTo(MAX) >= 0) {
      return Duration.ZERO;
    }
    double share = unitInterval(key + "#" + attemptsSoFar) * jitter.doubleValue();
    double extraMillis = Math.floor(wait.toMillis() * share);
    long headroom = MAX.minus(wait).toMillis();
    return Duration.ofMillis((long) Math.min(extraMillis, headroom));
  }

  /**
   * A number in [0, 1) that {@code text} determines and that looks random: FNV-1a over its
   * characters, then SplitMix64's finalizer to spread the bits.
   */
  static double unitInterval(String text) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    h ^= h >>> 31;
    return (h >>> 11) * 0x1.0p-53;
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
