package dev.targo.worker.runtime;

import dev.targo.api.temporal.PodDeletion;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.worker.executor.PodExecutor;

/** Counts what an executor does: pods in flight, outcomes, faults. */
public final class MeteredExecutor implements PodExecutor {
  private final PodExecutor delegate;
  private final TargoMetrics metrics;

  public MeteredExecutor(PodExecutor delegate, TargoMetrics metrics) {
    this.delegate = delegate;
    this.metrics = metrics;
  }

  @Override
  public AttemptOutcome run(PodRequest request, Heartbeat heartbeat) throws Exception {
    metrics.podStarted();
    try {
      AttemptOutcome outcome = delegate.run(request, heartbeat);
      metrics.attempt(outcome.phase().name());
      if (outcome.failedPodRestarts() != null) {
        metrics.podsRestarted(outcome.failedPodRestarts());
      }
      return outcome;
    } catch (InterruptedException e) {
      // Cancelled or shutting down: neither an outcome nor a fault.
      throw e;
    } catch (Exception e) {
      metrics.fault();
      throw e;
    } finally {
      metrics.podEnded();
    }
  }

  /** Passed on: the workflow's pod deletions (podGC, abandoned attempts) must reach the pods. */
  @Override
  public void delete(PodDeletion deletion) throws Exception {
    delegate.delete(deletion);
  }

  @Override
  public String defaultNamespace() {
    return delegate.defaultNamespace();
  }

  @Override
  public java.util.Map<String, String> configMapData(String namespace, String name) {
    return delegate.configMapData(namespace, name);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
