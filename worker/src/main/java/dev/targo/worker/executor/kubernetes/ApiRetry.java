package dev.targo.worker.executor.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;

/**
 * Retries one Kubernetes API call on transient errors with capped exponential backoff. This is the
 * only retry layer for API calls (the fabric8 client's own is switched off), so a POST that timed
 * out is retried here, where a following 409 is understood as possibly our own pod. When the budget
 * is spent the error is thrown and the activity call fails as an infrastructure fault: Temporal
 * retries it as the same attempt, never as a new Argo attempt.
 */
public final class ApiRetry {

  /**
   * Backoff of transient API errors.
   *
   * @param initial first wait
   * @param max cap of one wait
   * @param maxTries tries in all, at least 1
   */
  public record Policy(Duration initial, Duration max, int maxTries) {

    /** 200 ms doubling up to 10 s, 8 tries (about 40 s), then the activity retries. */
    public static final Policy DEFAULT =
        new Policy(Duration.ofMillis(200), Duration.ofSeconds(10), 8);

    public Policy {
      if (maxTries < 1) {
        throw new IllegalArgumentException("maxTries must be at least 1: " + maxTries);
      }
    }

    /** The wait before try {@code n + 1} (n from 1): initial · 2^(n−1), capped. */
    Duration delayAfter(int n) {
      long millis = initial.toMillis();
      for (int i = 1; i < n && millis < max.toMillis(); i++) {
        millis *= 2;
      }
      return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
  }

  /** An API call. */
  @FunctionalInterface
  interface Call<T> {
    T call();
  }

  /** A transient API error that outlived the retry budget: an infrastructure fault. */
  static final class TransientApiException extends RuntimeException {
    TransientApiException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Policy policy;

  ApiRetry(Policy policy) {
    this.policy = policy;
  }

  /**
   * Runs {@code call}; transient failures are retried, after {@code beforeRetry} (which may throw
   * to cancel). Other failures are thrown unchanged for the caller to interpret.
   *
   * @param what what the call does, for the final error's message
   * @throws InterruptedException when the thread is interrupted while calling or waiting
   */
  <T> T run(String what, Call<T> call, Runnable beforeRetry) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.call();
      } catch (KubernetesClientException e) {
        if (ApiErrors.isInterruption(e) || Thread.currentThread().isInterrupted()) {
          throw interrupted(e);
        }
        if (ApiErrors.kind(e) != ApiErrors.Kind.TRANSIENT) {
          throw e;
        }
        if (attempt >= policy.maxTries()) {
          throw new TransientApiException(
              what + ": " + ApiErrors.message(e) + " (gave up after " + attempt + " tries)", e);
        }
        beforeRetry.run();
        Thread.sleep(policy.delayAfter(attempt).toMillis());
      }
    }
  }

  private static InterruptedException interrupted(Throwable cause) {
    Thread.interrupted();
    InterruptedException e = new InterruptedException("interrupted during a Kubernetes API call");
    e.initCause(cause);
    return e;
  }
}
