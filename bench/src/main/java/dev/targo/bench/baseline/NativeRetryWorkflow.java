package dev.targo.bench.baseline;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The baseline of the retry benchmarks: what a Temporal user writes by hand for "try this up to N
 * times, without waiting" — one activity call with a native {@code RetryPolicy} (initial interval 1
 * ms, coefficient 1, N attempts), retried by the server.
 */
@WorkflowInterface
public interface NativeRetryWorkflow {
  /** Wire name, pinned so that renaming the Java type changes nothing. */
  String TYPE = "BenchNativeRetry";

  /**
   * Calls the failing activity with {@code attempts} attempts; returns normally once it has failed
   * for good.
   */
  @WorkflowMethod(name = TYPE)
  void run(String key, int attempts);
}
