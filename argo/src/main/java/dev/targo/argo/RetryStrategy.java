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
 * @param antiAffinityType how failed hosts are kept away (targo extension {@code
 *     nodeAntiAffinity.type}); {@link AntiAffinityType#Required} when not written
 * @param topologyKey the node label whose values the failed attempts' nodes have that the next
 *     attempts keep away from (targo extension {@code nodeAntiAffinity.topologyKey}: a zone, a node
 *     pool), or null for hosts
 * @param onOOMKilled how the main container's memory grows after an OOMKilled attempt (targo
 *     extension {@code onOOMKilled.memory}), or null
 * @param maxExcluded how many of the most recently failed hosts the next attempts keep away from
 *     (targo extension {@code nodeAntiAffinity.maxExcluded}), or null for every failed host
 * @param exclusionExpression when a failed attempt's host is excluded, over that attempt's {@code
 *     lastRetry.*} variables (targo extension {@code nodeAntiAffinity.expression}), or null for
 *     every failure
 * @param relaxAfter how long an attempt may stay unscheduled while it excludes hosts before the
 *     host whose failure is oldest is let back (targo extension {@code
 *     nodeAntiAffinity.relaxAfter}), or null for never
 */
public record RetryStrategy(
    Integer limit,
    RetryPolicy policy,
    Backoff backoff,
    boolean nodeAntiAffinity,
    String expression,
    AntiAffinityType antiAffinityType,
    String topologyKey,
    MemoryGrowth onOOMKilled,
    Integer maxExcluded,
    String exclusionExpression,
    Duration relaxAfter) {

  /** A strategy without {@code relaxAfter}. */
  public RetryStrategy(
      Integer limit,
      RetryPolicy policy,
      Backoff backoff,
      boolean nodeAntiAffinity,
      String expression,
      AntiAffinityType antiAffinityType,
      String topologyKey,
      MemoryGrowth onOOMKilled,
      Integer maxExcluded,
      String exclusionExpression) {
    this(
        limit,
        policy,
        backoff,
        nodeAntiAffinity,
        expression,
        antiAffinityType,
        topologyKey,
        onOOMKilled,
        maxExcluded,
        exclusionExpression,
        null);
  }

  /** A strategy without an exclusion expression. */
  public RetryStrategy(
      Integer limit,
      RetryPolicy policy,
      Backoff backoff,
      boolean nodeAntiAffinity,
      String expression,
      AntiAffinityType antiAffinityType,
      String topologyKey,
      MemoryGrowth onOOMKilled,
      Integer maxExcluded) {
    this(
        limit,
        policy,
        backoff,
        nodeAntiAffinity,
        expression,
        antiAffinityType,
        topologyKey,
        onOOMKilled,
        maxExcluded,
        null);
  }

  /** A strategy without {@code maxExcluded}. */
  public RetryStrategy(
      Integer limit,
      RetryPolicy policy,
      Backoff backoff,
      boolean nodeAntiAffinity,
      String expression,
      AntiAffinityType antiAffinityType,
      String topologyKey,
      MemoryGrowth onOOMKilled) {
    this(
        limit,
        policy,
        backoff,
        nodeAntiAffinity,
        expression,
        antiAffinityType,
        topologyKey,
        onOOMKilled,
        null);
  }

  public RetryStrategy {
    antiAffinityType = antiAffinityType == null ? AntiAffinityType.Required : antiAffinityType;
    topologyKey = topologyKey == null || topologyKey.isEmpty() ? null : topologyKey;
  }

  /** A strategy without {@code onOOMKilled}. */
  public RetryStrategy(
      Integer limit,
      RetryPolicy policy,
      Backoff backoff,
      boolean nodeAntiAffinity,
      String expression,
      AntiAffinityType antiAffinityType,
      String topologyKey) {
    this(limit, policy, backoff, nodeAntiAffinity, expression, antiAffinityType, topologyKey, null);
  }

  /** A strategy that excludes hosts. */
  public RetryStrategy(
      Integer limit,
      RetryPolicy policy,
      Backoff backoff,
      boolean nodeAntiAffinity,
      String expression,
      AntiAffinityType antiAffinityType) {
    this(limit, policy, backoff, nodeAntiAffinity, expression, antiAffinityType, null, null);
  }

  /** A strategy without targo's extensions. */
  public RetryStrategy(
      Integer limit,
      RetryPolicy policy,
      Backoff backoff,
      boolean nodeAntiAffinity,
      String expression) {
    this(
        limit,
        policy,
        backoff,
        nodeAntiAffinity,
        expression,
        AntiAffinityType.Required,
        null,
        null);
  }

  /** True when the next attempts only prefer hosts that have not failed (never wait for one). */
  public boolean avoidsFailedHostsPreferably() {
    return nodeAntiAffinity && antiAffinityType == AntiAffinityType.Preferred;
  }

  /**
   * {@code nodeAntiAffinity.type}: the names of Argo's open PR #16610.
   *
   * <ul>
   *   <li>{@code Required}: Argo's behaviour, a required {@code NotIn} term; a pod no host may take
   *       stays Pending.
   *   <li>{@code Preferred}: a preferred term of weight {@value #PREFERRED_WEIGHT}; the scheduler
   *       takes a fresh host when one fits, else a failed one, so an attempt never waits for a
   *       host.
   * </ul>
   */
  public enum AntiAffinityType {
    Required,
    Preferred;

    /** The weight of the preferred term: the highest Kubernetes allows. */
    public static final int PREFERRED_WEIGHT = 100;
  }

  /**
   * {@code retryStrategy.backoff}.
   *
   * @param duration {@code duration}
   * @param factor {@code factor} (targo: any decimal ≥ 1), or null
   * @param cap {@code cap}, or null
   * @param maxDuration {@code maxDuration}, or null
   * @param jitter {@code jitter} (targo extension): a fraction from 0 to 1; each wait grows by a
   *     deterministic share of it, or null for none
   */
  public record Backoff(
      Duration duration, BigDecimal factor, Duration cap, Duration maxDuration, BigDecimal jitter) {

    /** A backoff without jitter. */
    public Backoff(Duration duration, BigDecimal factor, Duration cap, Duration maxDuration) {
      this(duration, factor, cap, maxDuration, null);
    }
  }

  /**
   * {@code onOOMKilled.memory} (targo extension): after each attempt that ended OOMKilled, the next
   * attempts' main container memory limit (and request) is multiplied by {@code factor}, up to
   * {@code maxBytes}.
   *
   * @param factor a decimal above 1
   * @param maxBytes the limit it never grows past, in bytes
   */
  public record MemoryGrowth(BigDecimal factor, long maxBytes) {}
}
