package dev.targo.worker.executor;

import dev.targo.api.Names;
import dev.targo.api.temporal.PodDeletion;
import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;

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

  /**
   * Deletes pods: the named ones, or every pod of {@link PodDeletion#workflowName()}. A pod already
   * gone is not an error. {@link #run} never deletes a finished pod itself: the workflow asks for
   * it once the outcome is recorded, so a worker dying in between leaves the pod for the retried
   * call to adopt. The workflow also deletes the pod of an attempt it gave up on ({@link
   * PodDeletion#abandoned()}); the {@link #run} call still waiting for that pod then returns
   * promptly (its outcome is not recorded). The default has nothing to delete.
   */
  default void delete(PodDeletion deletion) throws Exception {}

  /** The namespace of pods whose workflow names none. */
  /**
   * The data of ConfigMap {@code name} in {@code namespace} where the executor's cluster has one (a
   * semaphore's limit), or null. The default knows none.
   */
  default java.util.Map<String, String> configMapData(String namespace, String name) {
    return null;
  }

  default String defaultNamespace() {
    return Names.DEFAULT_NAMESPACE;
  }

  /** Receives progress while a pod runs; may throw to cancel the wait (activity cancelled). */
  @FunctionalInterface
  interface Heartbeat {
    void beat(PodProgress progress);
  }

  @Override
  default void close() {}
}
