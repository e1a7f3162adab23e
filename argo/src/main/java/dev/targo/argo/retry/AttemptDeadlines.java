package dev.targo.argo.retry;

import java.time.Duration;
import java.time.Instant;

/**
 * The pod {@code activeDeadlineSeconds} of an attempt (ARGO-SEMANTICS §4, last rule). Argo bounds
 * attempts ≥ 1 by the {@code maxDuration} window through its executor ({@code Step exceeded its
 * deadline}); targo gives the pod the time left instead. Pure.
 */
public final class AttemptDeadlines {
  private AttemptDeadlines() {}

  /**
   * The smallest of: the pod's own deadline (the one its template's {@code timeout} gives, else the
   * template's {@code activeDeadlineSeconds}: Argo's pod builder lets the timeout's value replace
   * the other); for attempts ≥ 1, the seconds left until {@code windowEnd}; the seconds left until
   * {@code workflowDeadline}. Time left is rounded up and is at least 1 second (Kubernetes rejects
   * 0), so a window already past still yields a pod that ends at once. Null when nothing bounds the
   * attempt.
   *
   * @param templateSeconds the template's {@code activeDeadlineSeconds}, or null
   * @param timeoutSeconds the seconds the template's {@code timeout} gives the pod ({@link
   *     TemplateTimeouts}), or null
   * @param windowEnd the end of the {@code maxDuration} window, or null
   * @param workflowDeadline when the workflow's {@code activeDeadlineSeconds} passes, or null
   * @param now the current workflow time
   * @param attempt the index of the attempt about to start
   */
  public static Long activeDeadlineSeconds(
      Long templateSeconds,
      Long timeoutSeconds,
      Instant windowEnd,
      Instant workflowDeadline,
      Instant now,
      int attempt) {
    Long result = timeoutSeconds != null ? timeoutSeconds : templateSeconds;
    if (windowEnd != null && attempt >= 1) {
      result = min(result, secondsLeft(now, windowEnd));
    }
    if (workflowDeadline != null) {
      result = min(result, secondsLeft(now, workflowDeadline));
    }
    return result;
  }

  private static long secondsLeft(Instant now, Instant end) {
    Duration left = Duration.between(now, end);
    if (left.isNegative() || left.isZero()) {
      return 1;
    }
    long seconds = left.getSeconds() + (left.getNano() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }

  private static Long min(Long a, long b) {
    return a == null ? Long.valueOf(b) : Long.valueOf(Math.min(a, b));
  }
}
