package dev.targo.argo.retry;

import dev.targo.argo.ArgoDurations;
import dev.targo.argo.RetryStrategy;
import dev.targo.argo.RetryVariables;
import dev.targo.argo.expr.Expr;
import dev.targo.argo.expr.ExprException;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.retry.RetryDecision.Finish;
import dev.targo.argo.retry.RetryDecision.Retry;
import dev.targo.argo.status.NodePhase;
import java.time.Duration;
import java.time.Instant;

/**
 * Argo's retry decision ({@code processNodeRetries}, ARGO-SEMANTICS §3–§5) as a pure function.
 *
 * <p>The checks run in Argo's order, so when several would end the node the message is the one Argo
 * gives: stop or workflow deadline, then the {@code maxDuration} checks, then the policy, the limit
 * and the expression. Where targo deviates: it decides everything before waiting (Argo waits out
 * the backoff and only then finds the policy or limit rejects the attempt), and it honours a
 * backoff whether or not a limit is set (Argo skips the wait when {@code limit} is unset).
 */
public final class RetryDecider {
  private RetryDecider() {}

  /** Decides what follows the attempt {@code ctx.last()}, with Argo's fixed transient patterns. */
  public static RetryDecision decide(RetryStrategy strategy, RetryContext ctx) {
    return decide(strategy, ctx, null);
  }

  /**
   * Decides what follows the attempt {@code ctx.last()}.
   *
   * @param transientErrorPattern the operator's {@code TRANSIENT_ERROR_PATTERN}, or null
   */
  public static RetryDecision decide(
      RetryStrategy strategy, RetryContext ctx, String transientErrorPattern) {
    AttemptOutcome last = ctx.last();
    NodePhase phase = last.phase();
    if (!phase.fulfilled()) {
      throw new IllegalArgumentException("attempt has not finished: " + phase);
    }
    if (!phase.failedOrError()) {
      return new Finish(NodePhase.Succeeded, null);
    }
    if (ctx.stopStrategy() != null) {
      return new Finish(phase, "Stopped with strategy '" + ctx.stopStrategy() + "'");
    }
    if (ctx.workflowDeadline() != null && ctx.now().isAfter(ctx.workflowDeadline())) {
      return new Finish(
          phase, "retry exceeded workflow deadline " + GoTime.format(ctx.workflowDeadline()));
    }

    Duration wait = Duration.ZERO;
    Duration jitter = Duration.ZERO;
    if (strategy.backoff() != null) {
      Instant windowEnd = Backoffs.windowEnd(strategy, ctx.firstAttemptStartedAt());
      if (windowEnd != null && ctx.now().isAfter(windowEnd)) {
        return new Finish(phase, "Max duration limit exceeded");
      }
      wait = Backoffs.delay(strategy.backoff(), ctx.attemptsSoFar());
      // targo: the jitter is part of the wait, so the window checks the wait that will happen.
      jitter =
          Backoffs.jitter(wait, strategy.backoff().jitter(), ctx.jitterKey(), ctx.attemptsSoFar());
      wait = wait.plus(jitter);
      if (windowEnd != null && finishedAt(ctx).plus(wait).isAfter(windowEnd)) {
        return new Finish(phase, "Backoff would exceed max duration limit");
      }
    }

    if (!policyRetries(strategy, last, transientErrorPattern)) {
      return new Finish(phase, last.message());
    }
    if (strategy.limit() != null && ctx.attemptsSoFar() > strategy.limit()) {
      return new Finish(phase, "No more retries left");
    }
    if (strategy.expression() != null) {
      try {
        boolean retry =
            Expr.parse(strategy.expression())
                .evaluateBool(RetryVariables.expressionScope(ctx.attemptsSoFar() - 1, last));
        if (!retry) {
          return new Finish(phase, "retryStrategy.expression evaluated to false");
        }
      } catch (ExprException e) {
        return new Finish(NodePhase.Error, e.argoText());
      }
    }
    // Argo shows "Backoff for …" only while there is something to wait for.
    String message = wait.isZero() ? null : "Backoff for " + ArgoDurations.humanize(wait);
    return new Retry(wait, message, jitter);
  }

  /** The retry policy table of ARGO-SEMANTICS §3 step 4. */
  static boolean policyRetries(RetryStrategy strategy, AttemptOutcome last, String pattern) {
    boolean failed = last.phase() == NodePhase.Failed;
    return switch (strategy.policy()) {
      case Always -> true;
      case OnFailure -> failed;
      case OnError -> !failed;
      case OnTransientError ->
          last.transientError() || TransientErrors.isTransient(last.message(), pattern);
    };
  }

  /** An attempt without a finish time (never observed ending) counts as finishing now. */
  private static Instant finishedAt(RetryContext ctx) {
    return ctx.last().finishedAt() != null ? ctx.last().finishedAt() : ctx.now();
  }
}
