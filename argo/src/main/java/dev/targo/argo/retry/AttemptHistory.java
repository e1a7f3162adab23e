package dev.targo.argo.retry;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.targo.argo.pod.AttemptOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * What a retry loop remembers about its finished attempts, bounded in size however many there were,
 * so that it can travel across continue-as-new. Pure.
 *
 * @param attemptsSoFar number of finished attempts
 * @param firstAttemptStartedAt when attempt 0 started (the {@code maxDuration} window), or null
 * @param last the attempt that finished last, or null
 * @param failedHosts hosts of every Failed or Error pod of the attempts so far (for a steps or DAG
 *     node, of every failed pod below them), sorted, without duplicates: what {@code
 *     nodeAntiAffinity} excludes
 * @param oomKilledAttempts how many of the attempts so far ended OOMKilled: what {@code
 *     onOOMKilled} grows memory by; left out of the payload when 0, so histories written before it
 *     read the same
 * @param recentFailedHosts the same hosts, the one that failed last at the end: what {@code
 *     nodeAntiAffinity.maxExcluded} keeps the last of; left out of the payload when empty
 */
public record AttemptHistory(
    int attemptsSoFar,
    Instant firstAttemptStartedAt,
    AttemptOutcome last,
    List<String> failedHosts,
    @JsonInclude(JsonInclude.Include.NON_DEFAULT) int oomKilledAttempts,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> recentFailedHosts) {

  /** Before the first attempt. */
  public static final AttemptHistory NONE =
      new AttemptHistory(0, null, null, List.of(), 0, List.of());

  /** A history without the order of its failed hosts. */
  public AttemptHistory(
      int attemptsSoFar,
      Instant firstAttemptStartedAt,
      AttemptOutcome last,
      List<String> failedHosts,
      int oomKilledAttempts) {
    this(attemptsSoFar, firstAttemptStartedAt, last, failedHosts, oomKilledAttempts, List.of());
  }

  /** A history without OOMKilled attempts. */
  public AttemptHistory(
      int attemptsSoFar,
      Instant firstAttemptStartedAt,
      AttemptOutcome last,
      List<String> failedHosts) {
    this(attemptsSoFar, firstAttemptStartedAt, last, failedHosts, 0, List.of());
  }

  public AttemptHistory {
    failedHosts = failedHosts == null ? List.of() : List.copyOf(failedHosts);
    recentFailedHosts = recentFailedHosts == null ? List.of() : List.copyOf(recentFailedHosts);
  }

  /**
   * The {@code n} hosts that failed most recently, sorted (targo's {@code
   * nodeAntiAffinity.maxExcluded}); all of them when fewer failed, or when the order is unknown.
   */
  public List<String> lastFailedHosts(int n) {
    if (recentFailedHosts.isEmpty() || recentFailedHosts.size() <= n) {
      return failedHosts;
    }
    return recentFailedHosts
        .subList(recentFailedHosts.size() - n, recentFailedHosts.size())
        .stream()
        .sorted()
        .toList();
  }

  /**
   * With one more finished pod attempt. Its host joins the failed hosts when it Failed or Errored
   * and ran somewhere: an attempt never scheduled has no host, and excluding {@code ""} would be
   * meaningless (ARGO-SEMANTICS §6).
   *
   * @param outcome how the attempt ended
   * @param nodeStartedAt when the attempt's node was created (Argo's window starts there)
   */
  public AttemptHistory record(AttemptOutcome outcome, Instant nodeStartedAt) {
    return record(outcome, nodeStartedAt, failedHost(outcome));
  }

  /** The host a pod attempt failed on, as a list: empty when it did not fail or never ran. */
  public static List<String> failedHost(AttemptOutcome outcome) {
    String host = outcome.hostNodeName();
    boolean failedSomewhere = outcome.phase().failedOrError() && host != null && !host.isBlank();
    return failedSomewhere ? List.of(host) : List.of();
  }

  /**
   * The host a pod attempt failed on that the next attempts keep away from: {@link
   * #failedHost(AttemptOutcome)}, unless targo's {@code nodeAntiAffinity.expression} is set and
   * does not hold over the attempt's {@code lastRetry.*} variables (the failure did not look like
   * the host's fault). An expression that cannot be evaluated keeps the host excluded, so an
   * exclusion is never lost to a mistake.
   *
   * @param attempt the attempt's index (its {@code retries})
   */
  public static List<String> excludedHost(
      AttemptOutcome outcome, dev.targo.argo.RetryStrategy strategy, int attempt) {
    List<String> host = failedHost(outcome);
    if (host.isEmpty() || strategy == null || strategy.exclusionExpression() == null) {
      return host;
    }
    try {
      boolean excluded =
          dev.targo.argo.expr.Expr.parse(strategy.exclusionExpression())
              .evaluateBool(dev.targo.argo.RetryVariables.expressionScope(attempt, outcome));
      return excluded ? host : List.of();
    } catch (dev.targo.argo.expr.ExprException e) {
      return host;
    }
  }

  /**
   * With one more finished attempt whose failed pods ran on {@code failedHosts} (a steps or DAG
   * attempt: every failed pod below it).
   */
  public AttemptHistory record(
      AttemptOutcome outcome, Instant nodeStartedAt, Collection<String> failedHosts) {
    TreeSet<String> hosts = new TreeSet<>(this.failedHosts);
    hosts.addAll(failedHosts);
    List<String> recent = new ArrayList<>(recentFailedHosts);
    for (String host : failedHosts) {
      recent.remove(host);
      recent.add(host);
    }
    Instant first = firstAttemptStartedAt != null ? firstAttemptStartedAt : nodeStartedAt;
    return new AttemptHistory(
        attemptsSoFar + 1,
        first,
        outcome,
        List.copyOf(hosts),
        oomKilledAttempts + (outcome.oomKilled() ? 1 : 0),
        recent);
  }
}
