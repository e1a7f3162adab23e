package dev.targo.argo.plan;

/**
 * Argo {@code retryStrategy} as written: every field a string (int-or-string fields keep their
 * text), so {@code {{…}}} parameters survive until run time. {@link
 * dev.targo.argo.RetryStrategies#resolve} turns it into a typed {@link
 * dev.targo.argo.RetryStrategy} after substitution; the translator runs the same resolver at lint
 * time on every field that holds no {@code {{…}}}.
 *
 * @param limit {@code limit}, or null (unlimited)
 * @param retryPolicy {@code retryPolicy}, or null (OnFailure; Always with an expression)
 * @param backoff {@code backoff}, or null
 * @param nodeAntiAffinity true when {@code affinity.nodeAntiAffinity} is present
 * @param expression {@code expression}, or null
 */
public record RetryStrategySpec(
    String limit,
    String retryPolicy,
    BackoffSpec backoff,
    boolean nodeAntiAffinity,
    String expression) {

  /**
   * Argo {@code retryStrategy.backoff} as written.
   *
   * @param duration {@code duration}
   * @param factor {@code factor}, or null
   * @param cap {@code cap}, or null
   * @param maxDuration {@code maxDuration}, or null
   */
  public record BackoffSpec(String duration, String factor, String cap, String maxDuration) {}
}
