package dev.targo.worker.retry;

import dev.targo.api.argo.RetryStrategy;

/** Argo's retry decision (ARGO-SEMANTICS §3–§5) as a pure function. */
public final class RetryDecider {
  private RetryDecider() {}

  /** Decides what follows the attempt {@code ctx.last()}. */
  public static RetryDecision decide(RetryStrategy strategy, RetryContext ctx) {
    throw new UnsupportedOperationException("being written");
  }
}
