package dev.targo.worker.workflow;

import dev.targo.api.temporal.PodProgress;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;

/**
 * The heartbeats of one running attempt: the latest progress, sent when the executor reports a
 * change and repeated by a ticker in between. When Temporal answers a heartbeat with a cancellation
 * (the workflow's deadline passed), the executor is told by an exception from its next {@code beat}
 * and, as it may be blocked waiting for the pod, by an interrupt of the activity thread.
 */
final class Heartbeats {
  private final ActivityExecutionContext context;
  private final Thread worker;
  private PodProgress latest;
  private ActivityCompletionException cancelled;
  private boolean running = true;

  Heartbeats(ActivityExecutionContext context, PodProgress initial, Thread worker) {
    this.context = context;
    this.latest = initial;
    this.worker = worker;
  }

  /** The executor's report: remembered and sent. Throws once the activity is cancelled. */
  void beat(PodProgress progress) {
    synchronized (this) {
      latest = progress;
    }
    send();
    rethrowCancellation();
  }

  /** The ticker's beat: the latest progress again, so a silent pod still shows a live worker. */
  void repeat() {
    send();
  }

  private void send() {
    PodProgress progress;
    synchronized (this) {
      if (!running || cancelled != null) {
        return;
      }
      progress = latest;
    }
    try {
      context.heartbeat(progress);
    } catch (ActivityCompletionException e) {
      synchronized (this) {
        cancelled = e;
        if (running) {
          worker.interrupt();
        }
      }
    }
  }

  /** Throws the cancellation Temporal reported, if any. */
  synchronized void rethrowCancellation() {
    if (cancelled != null) {
      throw cancelled;
    }
  }

  /** The attempt is over: no more beats, and no interrupt may reach the thread after this. */
  void stop() {
    synchronized (this) {
      running = false;
    }
    // Clear an interrupt delivered just before stopping, so the pooled thread is not left
    // interrupted for the next activity.
    if (Thread.currentThread() == worker) {
      Thread.interrupted();
    }
  }
}
