package dev.targo.argo;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * A resolved, validated Argo {@code retryStrategy} (after {@code {{…}}} substitution).
 *
 * @param limit {@code limit}: the number of retries (at most {@code limit + 1} attempts), or null
 *     for unlimited
 * @param policy {@code retryPolicy} with Argo's default applied (OnFailure; Always when an
 *     expression is set)
 * @param backoff {@code backoff}, or null
 * @param nodeAntiAffinity {@code affinity.nodeAntiAffinity} present
 * @param expression {@code expression}, or null
 */
public record RetryStrategy(
    Integer limit,
    RetryPolicy policy,
    Backoff backoff,
    boolean nodeAntiAffinity,
    String expression) {

  /**
   * {@code retryStrategy.backoff}.
   *
   * @param duration {@code duration}
   * @param factor {@code factor} (targo: any decimal ≥ 1), or null
   * @param cap {@code cap}, or null
   * @param maxDuration {@code maxDuration}, or null
   */
  public record Backoff(Duration duration, BigDecimal factor, Duration cap, Duration maxDuration) {}
}
