package dev.targo.worker.executor;

import dev.targo.api.temporal.AttemptOutcome;
import dev.targo.api.temporal.PodProgress;
import dev.targo.api.temporal.PodRequest;

/**
 * Runs one attempt as a pod and waits for its end. Implementations: {@code local} (processes on
 * simulated nodes) and {@code kubernetes}. Must be idempotent per {@link PodRequest#podName()}: a
 * second call for the same pod adopts it instead of starting another.
 */
public interface PodExecutor extends AutoCloseable {

  /**
   * Runs (or adopts) the attempt's pod and blocks until it has finished, reporting progress through
   * {@code heartbeat}. A pod that failed is a returned outcome, not an exception; exceptions mean
   * the executor could not find out (infrastructure fault) and the call may be retried.
   */
  AttemptOutcome run(PodRequest request, Heartbeat heartbeat) throws Exception;

  /** Receives progress while a pod runs; may throw to cancel the wait (activity cancelled). */
  @FunctionalInterface
  interface Heartbeat {
    void beat(PodProgress progress);
  }

  @Override
  default void close() {}
}
