package dev.targo.worker.executor.kubernetes;

import dev.targo.api.Names;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One shared pod informer per namespace, on targo's managed-by label, for every attempt in flight
 * on this worker (DESIGN §4): one list and one watch per namespace instead of one watch per pod.
 * Attempts register a {@link PodWaiter} under their pod name; events are handed to the waiters of
 * that name. The informer re-lists by itself after a dropped watch or a 410 Gone, and reports pods
 * that disappeared meanwhile as deleted.
 */
final class PodWatch implements AutoCloseable {
  /** How long an attempt waits for a namespace's first list before failing its call. */
  private static final long START_TIMEOUT_SECONDS = 60;

  private final KubernetesClient client;
  private final Map<String, Shared> namespaces = new ConcurrentHashMap<>();

  PodWatch(KubernetesClient client) {
    this.client = client;
  }

  /** The namespace's informer, started and synced (the first caller starts it). */
  Shared namespace(String namespace) throws InterruptedException {
    Shared shared = namespaces.computeIfAbsent(namespace, Shared::new);
    try {
      shared.started();
      return shared;
    } catch (ExecutionException | TimeoutException e) {
      // Forget the broken informer so the retried call starts a fresh one.
      namespaces.remove(namespace, shared);
      shared.informer.stop();
      throw new IllegalStateException(
          "cannot list pods in namespace " + namespace + ": " + e.getCause(), e);
    }
  }

  @Override
  public void close() {
    namespaces.values().forEach(s -> s.informer.stop());
    namespaces.clear();
  }

  /** The informer of one namespace and the waiters on its pods. */
  final class Shared implements ResourceEventHandler<Pod> {
    private final String namespace;
    private final SharedIndexInformer<Pod> informer;
    private final Map<String, Set<PodWaiter>> waiters = new ConcurrentHashMap<>();
    private CompletableFuture<Void> start;

    private Shared(String namespace) {
      this.namespace = namespace;
      this.informer =
          client
              .pods()
              .inNamespace(namespace)
              .withLabel(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE)
              .runnableInformer(0);
      informer.addEventHandler(this);
    }

    private synchronized void started()
        throws InterruptedException, ExecutionException, TimeoutException {
      if (start == null) {
        start = informer.start().toCompletableFuture();
      }
      start.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    /** Registers a waiter for {@code podName}, seeded with what the informer knows of it. */
    PodWaiter register(String podName) {
      PodWaiter waiter = new PodWaiter(podName, this::unregister);
      waiters.computeIfAbsent(podName, n -> new CopyOnWriteArraySet<>()).add(waiter);
      Pod cached = cached(podName);
      if (cached != null) {
        waiter.deliverIfNothingSeen(cached);
      }
      return waiter;
    }

    /** The informer's copy of the pod, or null. */
    Pod cached(String podName) {
      return informer.getStore().getByKey(namespace + "/" + podName);
    }

    /** True while the informer's watch is open (false while it reconnects or re-lists). */
    boolean watching() {
      return informer.isWatching();
    }

    private void unregister(PodWaiter waiter) {
      waiters.computeIfPresent(
          waiter.name(),
          (n, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
          });
    }

    @Override
    public void onAdd(Pod pod) {
      deliver(pod, false);
    }

    @Override
    public void onUpdate(Pod oldPod, Pod newPod) {
      deliver(newPod, false);
    }

    @Override
    public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
      deliver(pod, true);
    }

    private void deliver(Pod pod, boolean deleted) {
      Set<PodWaiter> set = waiters.get(pod.getMetadata().getName());
      if (set != null) {
        set.forEach(w -> w.deliver(pod, deleted));
      }
    }
  }
}
