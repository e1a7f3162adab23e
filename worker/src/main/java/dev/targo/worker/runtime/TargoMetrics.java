package dev.targo.worker.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * targo's own worker metrics, beside the Temporal SDK's and the JVM's memory and threads: attempts
 * by outcome, executor faults (API errors), pods in flight, backoff waits, pods the sweeper deleted
 * and pods created again after failing before they ran. Names follow Prometheus conventions once
 * exported ({@code targo_attempts_total}, {@code targo_pods_in_flight}, {@code
 * targo_backoff_seconds}).
 */
public final class TargoMetrics {
  private final MeterRegistry registry;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final DistributionSummary backoff;
  private final Counter faults;
  private final Counter swept;
  private final Counter restarted;

  public TargoMetrics(MeterRegistry registry) {
    this.registry = registry;
    // The JVM's heap, non-heap and thread counts (jvm_memory_used_bytes, jvm_threads_live_threads):
    // what a worker holding thousands of waiting attempts costs.
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    registry.gauge("targo.pods.in.flight", inFlight);
    this.backoff =
        DistributionSummary.builder("targo.backoff")
            .baseUnit("seconds")
            .description("Backoff waits between attempts, as the workflow started them")
            .register(registry);
    this.faults =
        Counter.builder("targo.executor.faults")
            .description("Attempts the executor could not run or follow (API errors); retried")
            .register(registry);
    this.swept =
        Counter.builder("targo.pods.swept")
            .description(
                "Pods deleted by the sweeper because their workflow was terminated, timed out,"
                    + " cancelled or is gone")
            .register(registry);
    this.restarted =
        Counter.builder("targo.pods.restarted")
            .description(
                "Pods created again because they failed before their main container ran for a"
                    + " node's reason (--failed-pod-restarts); no retry was spent")
            .register(registry);
  }

  /** An attempt's pod was started or adopted. */
  public void podStarted() {
    inFlight.incrementAndGet();
  }

  /** An attempt's call ended, with an outcome or not. */
  public void podEnded() {
    inFlight.decrementAndGet();
  }

  /** An attempt ended with Argo phase {@code outcome} (Succeeded, Failed, Error). */
  public void attempt(String outcome) {
    Counter.builder("targo.attempts")
        .description("Pod attempts by Argo outcome")
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  public void fault() {
    faults.increment();
  }

  /** The sweeper deleted {@code pods} leftover pods. */
  public void podsSwept(int pods) {
    swept.increment(pods);
  }

  /** An attempt's pod was created again {@code pods} times after failing before it ran. */
  public void podsRestarted(int pods) {
    restarted.increment(pods);
  }

  /** A backoff timer of {@code wait} was started. */
  public void backoff(Duration wait) {
    backoff.record(wait.toMillis() / 1000.0);
  }

  public int podsInFlight() {
    return inFlight.get();
  }
}
