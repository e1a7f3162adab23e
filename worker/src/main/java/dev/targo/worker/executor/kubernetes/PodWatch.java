package dev.targo.worker.executor.kubernetes;

import dev.targo.api.Names;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One shared pod informer per namespace, on targo's managed-by label, for every attempt in flight
 * on this worker (docs/DESIGN.md §8): one list and one watch per namespace instead of one watch per
 * pod. Attempts register a {@link PodWaiter} under their pod name; events are handed to the waiters
 * of that name.
 *
 * <p>fabric8 re-lists by itself after a 410 Gone and reconnects a dropped watch, but not always
 * soon: its reconnect backoff grows to 32 s, a websocket refused at the handshake falls back to an
 * HTTP watch for good, and by default a watch that ends with an unreadable event stops the informer
 * for ever. So the informer is told to retry every failure once started, and a watchdog replaces a
 * namespace's informer that has had no open watch for longer than the grace. The replacement starts
 * from the old one's cache, so its first list reports pods deleted meanwhile as deleted; waiters
 * stay registered throughout.
 */
final class PodWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PodWatch.class);

  /** How long an attempt waits for a namespace's first list before failing its call. */
  private static final long START_TIMEOUT_SECONDS = 60;

  private final KubernetesClient client;
  private final long graceNanos;
  private final Map<String, Shared> namespaces = new ConcurrentHashMap<>();
  private final ScheduledExecutorService watchdog;

  PodWatch(KubernetesClient client, Duration grace) {
    this.client = client;
    this.graceNanos = grace.toNanos();
    this.watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "targo-pod-watchdog");
              t.setDaemon(true);
              return t;
            });
    long period = Math.max(10, grace.toMillis() / 4);
    watchdog.scheduleWithFixedDelay(this::checkAll, period, period, TimeUnit.MILLISECONDS);
  }

  /** The namespace's informer could not list its pods. */
  static final class StartFailure extends Exception {
    StartFailure(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The namespace's informer, started and synced (the first caller starts it). */
  Shared namespace(String namespace) throws InterruptedException, StartFailure {
    Shared shared = namespaces.computeIfAbsent(namespace, Shared::new);
    try {
      shared.started();
      return shared;
    } catch (ExecutionException | TimeoutException e) {
      // Forget the broken informer so the retried call starts a fresh one.
      namespaces.remove(namespace, shared);
      shared.stop();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
      while (cause instanceof java.util.concurrent.CompletionException
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new StartFailure("cannot list pods in namespace " + namespace + ": " + cause, cause);
    }
  }

  /** The namespaces with an informer: every one an attempt on this worker has used. */
  Set<String> namespaces() {
    return Set.copyOf(namespaces.keySet());
  }

  /** How many times the watchdog replaced the namespace's informer (0 when it has none). */
  int restarts(String namespace) {
    Shared shared = namespaces.get(namespace);
    return shared == null ? 0 : shared.restarts.get();
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    namespaces.values().forEach(Shared::stop);
    namespaces.clear();
  }

  private void checkAll() {
    long now = System.nanoTime();
    for (Shared shared : namespaces.values()) {
      try {
        shared.check(now);
      } catch (RuntimeException e) {
        // A failing check must not end the watchdog's schedule.
        LOG.warn("Pod watchdog check failed for namespace {}", shared.namespace, e);
      }
    }
  }

  /** The informer of one namespace and the waiters on its pods. */
  final class Shared implements ResourceEventHandler<Pod> {
    private final String namespace;
    private final Map<String, Set<PodWaiter>> waiters = new ConcurrentHashMap<>();
    private final AtomicInteger restarts = new AtomicInteger();
    private volatile SharedIndexInformer<Pod> informer;
    private CompletableFuture<Void> start;
    private long watchingAt;
    private boolean stopped;

    private Shared(String namespace) {
      this.namespace = namespace;
      this.informer = newInformer();
    }

    private SharedIndexInformer<Pod> newInformer() {
      SharedIndexInformer<Pod> created =
          client
              .pods()
              .inNamespace(namespace)
              .withLabel(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE)
              .runnableInformer(0);
      // Once started, every failure is retried (fabric8 stops on an unreadable event otherwise);
      // a failing first list still fails the start, so the calling attempt sees the error.
      created.exceptionHandler((started, t) -> started);
      created.addEventHandler(this);
      return created;
    }

    private void started() throws InterruptedException, ExecutionException, TimeoutException {
      CompletableFuture<Void> first;
      synchronized (this) {
        if (start == null) {
          start = informer.start().toCompletableFuture();
          start.thenRun(this::markWatching);
        }
        first = start;
      }
      // Waited for outside the lock, so the watchdog is never held up by a slow first list.
      first.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private synchronized void markWatching() {
      watchingAt = System.nanoTime();
    }

    /**
     * Replaces the informer when it has had no open watch for longer than the grace. Informers
     * whose first start has not succeeded are left to {@link #namespace}.
     */
    private synchronized void check(long now) {
      if (stopped || start == null || !start.isDone() || start.isCompletedExceptionally()) {
        return;
      }
      if (informer.isWatching()) {
        watchingAt = now;
        return;
      }
      if (now - watchingAt < graceNanos) {
        return;
      }
      LOG.warn(
          "Pod informer of namespace {} has had no open watch for {} ms; starting a new one",
          namespace,
          (now - watchingAt) / 1_000_000);
      SharedIndexInformer<Pod> old = informer;
      old.stop();
      SharedIndexInformer<Pod> fresh = newInformer();
      fresh.initialState(old.getStore().list().stream());
      informer = fresh;
      watchingAt = now;
      restarts.incrementAndGet();
      fresh
          .start()
          .whenComplete(
              (v, t) -> {
                if (t != null) {
                  LOG.warn("New pod informer of namespace {} failed to start", namespace, t);
                }
              });
    }

    private synchronized void stop() {
      stopped = true;
      informer.stop();
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
