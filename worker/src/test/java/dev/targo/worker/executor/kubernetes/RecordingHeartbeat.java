package dev.targo.worker.executor.kubernetes;

import dev.targo.api.temporal.PodProgress;
import dev.targo.worker.executor.PodExecutor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

/**
 * Records the progress an executor reports. It can also play a dead worker — freeze for ever at the
 * first beat matching a predicate, so nothing after that point happens — or a cancelled activity,
 * throwing from every beat once cancelled.
 */
final class RecordingHeartbeat implements PodExecutor.Heartbeat {
  private final List<PodProgress> beats = new CopyOnWriteArrayList<>();
  private final Predicate<PodProgress> freezeAt;
  private final CountDownLatch frozen = new CountDownLatch(1);
  private volatile RuntimeException cancellation;

  RecordingHeartbeat() {
    this(p -> false);
  }

  RecordingHeartbeat(Predicate<PodProgress> freezeAt) {
    this.freezeAt = freezeAt;
  }

  @Override
  public void beat(PodProgress progress) {
    beats.add(progress);
    if (cancellation != null) {
      throw cancellation;
    }
    if (freezeAt.test(progress)) {
      frozen.countDown();
      try {
        new CountDownLatch(1).await(); // a dead worker never comes back
      } catch (InterruptedException e) {
        throw new IllegalStateException("dead worker unfrozen", e);
      }
    }
  }

  void cancel(RuntimeException reason) {
    cancellation = reason;
  }

  void awaitFrozen() throws InterruptedException {
    frozen.await();
  }

  List<PodProgress> beats() {
    return List.copyOf(beats);
  }
}
