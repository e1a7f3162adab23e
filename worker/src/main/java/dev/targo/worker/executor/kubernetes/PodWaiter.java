package dev.targo.worker.executor.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The latest known state of one pod, fed by the shared informer and read by the one attempt that
 * waits for it. Versions count deliveries, so the reader wakes up only when something new arrived.
 */
final class PodWaiter implements AutoCloseable {

  /**
   * What is known of the pod.
   *
   * @param version how many deliveries so far
   * @param pod the last seen pod, or null when none has been seen yet
   * @param deleted true when the pod was deleted after {@code pod} was seen
   */
  record Snapshot(long version, Pod pod, boolean deleted) {}

  private final String name;
  private final Consumer<PodWaiter> onClose;
  private long version;
  private Pod pod;
  private boolean deleted;

  PodWaiter(String name, Consumer<PodWaiter> onClose) {
    this.name = name;
    this.onClose = onClose;
  }

  String name() {
    return name;
  }

  /** A new state of the pod (or its deletion), from the informer or the executor's own calls. */
  synchronized void deliver(Pod latest, boolean gone) {
    if (latest != null) {
      pod = latest;
    }
    deleted = gone;
    version++;
    notifyAll();
  }

  /** Delivers {@code latest} only if nothing has been seen yet (it may be older than an event). */
  synchronized void deliverIfNothingSeen(Pod latest) {
    if (version == 0) {
      deliver(latest, false);
    }
  }

  synchronized Snapshot current() {
    return new Snapshot(version, pod, deleted);
  }

  /**
   * Waits until a delivery newer than {@code seen} arrives or {@code timeout} passes, and returns
   * what is known then.
   */
  synchronized Snapshot awaitAfter(long seen, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (version <= seen) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return current();
  }

  @Override
  public void close() {
    onClose.accept(this);
  }
}
