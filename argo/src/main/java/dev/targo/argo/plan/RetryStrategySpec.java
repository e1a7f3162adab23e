package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

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
 * @param nodeAntiAffinityType {@code affinity.nodeAntiAffinity.type} (targo extension, the field of
 *     Argo's open PR #16610: {@code Required} or {@code Preferred}), or null (Required); left out
 *     of the plan when absent, so plans written before it read the same
 * @param nodeAntiAffinityTopologyKey {@code affinity.nodeAntiAffinity.topologyKey} (targo
 *     extension): the node label whose values are excluded instead of hosts, or null (hosts)
 * @param onOOMKilled {@code onOOMKilled} (targo extension): how the next attempt's resources grow
 *     after an attempt was OOMKilled, or null; left out of the plan when absent
 * @param nodeAntiAffinityMaxExcluded {@code affinity.nodeAntiAffinity.maxExcluded} (targo
 *     extension): how many of the most recently failed hosts the next attempt keeps away from, or
 *     null (all of them); left out of the plan when absent
 * @param nodeAntiAffinityExpression {@code affinity.nodeAntiAffinity.expression} (targo extension):
 *     when a failed attempt's host is excluded, over that attempt's {@code lastRetry.*} variables,
 *     or null (always); left out of the plan when absent
 * @param nodeAntiAffinityRelaxAfter {@code affinity.nodeAntiAffinity.relaxAfter} (targo extension):
 *     how long an attempt may stay unscheduled before one excluded host is let back, or null
 *     (never); left out of the plan when absent
 */
public record RetryStrategySpec(
    String limit,
    String retryPolicy,
    BackoffSpec backoff,
    boolean nodeAntiAffinity,
    String expression,
    @JsonInclude(JsonInclude.Include.NON_NULL) String nodeAntiAffinityType,
    @JsonInclude(JsonInclude.Include.NON_NULL) String nodeAntiAffinityTopologyKey,
    @JsonInclude(JsonInclude.Include.NON_NULL) OnOOMKilledSpec onOOMKilled,
    @JsonInclude(JsonInclude.Include.NON_NULL) String nodeAntiAffinityMaxExcluded,
    @JsonInclude(JsonInclude.Include.NON_NULL) String nodeAntiAffinityExpression,
    @JsonInclude(JsonInclude.Include.NON_NULL) String nodeAntiAffinityRelaxAfter) {

  /** A strategy without {@code relaxAfter}. */
  public RetryStrategySpec(
      String limit,
      String retryPolicy,
      BackoffSpec backoff,
      boolean nodeAntiAffinity,
      String expression,
      String nodeAntiAffinityType,
      String nodeAntiAffinityTopologyKey,
      OnOOMKilledSpec onOOMKilled,
      String nodeAntiAffinityMaxExcluded,
      String nodeAntiAffinityExpression) {
    this(
        limit,
        retryPolicy,
        backoff,
        nodeAntiAffinity,
        expression,
        nodeAntiAffinityType,
        nodeAntiAffinityTopologyKey,
        onOOMKilled,
        nodeAntiAffinityMaxExcluded,
        nodeAntiAffinityExpression,
        null);
  }

  /** A strategy without an exclusion {@code expression}. */
  public RetryStrategySpec(
      String limit,
      String retryPolicy,
      BackoffSpec backoff,
      boolean nodeAntiAffinity,
      String expression,
      String nodeAntiAffinityType,
      String nodeAntiAffinityTopologyKey,
      OnOOMKilledSpec onOOMKilled,
      String nodeAntiAffinityMaxExcluded) {
    this(
        limit,
        retryPolicy,
        backoff,
        nodeAntiAffinity,
        expression,
        nodeAntiAffinityType,
        nodeAntiAffinityTopologyKey,
        onOOMKilled,
        nodeAntiAffinityMaxExcluded,
        null);
  }

  /** A strategy without {@code maxExcluded}. */
  public RetryStrategySpec(
      String limit,
      String retryPolicy,
      BackoffSpec backoff,
      boolean nodeAntiAffinity,
      String expression,
      String nodeAntiAffinityType,
      String nodeAntiAffinityTopologyKey,
      OnOOMKilledSpec onOOMKilled) {
    this(
        limit,
        retryPolicy,
        backoff,
        nodeAntiAffinity,
        expression,
        nodeAntiAffinityType,
        nodeAntiAffinityTopologyKey,
        onOOMKilled,
        null);
  }

  /** A strategy without {@code onOOMKilled}. */
  public RetryStrategySpec(
      String limit,
      String retryPolicy,
      BackoffSpec backoff,
      boolean nodeAntiAffinity,
      String expression,
      String nodeAntiAffinityType,
      String nodeAntiAffinityTopologyKey) {
    this(
        limit,
        retryPolicy,
        backoff,
        nodeAntiAffinity,
        expression,
        nodeAntiAffinityType,
        nodeAntiAffinityTopologyKey,
        null);
  }

  /** A strategy without a topology key. */
  public RetryStrategySpec(
      String limit,
      String retryPolicy,
      BackoffSpec backoff,
      boolean nodeAntiAffinity,
      String expression,
      String nodeAntiAffinityType) {
    this(
        limit,
        retryPolicy,
        backoff,
        nodeAntiAffinity,
        expression,
        nodeAntiAffinityType,
        null,
        null);
  }

  /** A strategy without targo's extensions: what Argo itself accepts. */
  public RetryStrategySpec(
      String limit,
      String retryPolicy,
      BackoffSpec backoff,
      boolean nodeAntiAffinity,
      String expression) {
    this(limit, retryPolicy, backoff, nodeAntiAffinity, expression, null, null, null);
  }

  /**
   * Argo {@code retryStrategy.backoff} as written.
   *
   * @param duration {@code duration}
   * @param factor {@code factor}, or null
   * @param cap {@code cap}, or null
   * @param maxDuration {@code maxDuration}, or null
   * @param jitter {@code jitter} (targo extension: a fraction of each wait added at random), or
   *     null; left out of the plan when absent
   */
  public record BackoffSpec(
      String duration,
      String factor,
      String cap,
      String maxDuration,
      @JsonInclude(JsonInclude.Include.NON_NULL) String jitter) {

    /** A backoff without jitter: what Argo itself accepts. */
    public BackoffSpec(String duration, String factor, String cap, String maxDuration) {
      this(duration, factor, cap, maxDuration, null);
    }
  }

  /**
   * {@code retryStrategy.onOOMKilled} as written (targo extension).
   *
   * @param memory {@code memory}: how the main container's memory grows, or null
   */
  public record OnOOMKilledSpec(MemoryGrowthSpec memory) {}

  /**
   * {@code retryStrategy.onOOMKilled.memory} as written.
   *
   * @param factor {@code factor}: what the memory limit is multiplied by, or null (2)
   * @param max {@code max}: the quantity it never grows past
   */
  public record MemoryGrowthSpec(String factor, String max) {}
}
