package dev.targo.worker.activity;

import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.status.NodePhase;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.ActivityWorkerShutdownException;

/**
 * The heartbeats of one running attempt: the latest progress, sent at once when the executor
 * reports a change (the pod scheduled, started, its host known) and repeated by a ticker in
 * between, so a silent pod still shows a live worker. A report that changes nothing is not sent:
 * the executors report every second or on every watch event, and the worker lets a heartbeat out at
 * most every {@code dev.targo.worker.runtime.TargoWorker#HEARTBEAT_THROTTLE}, so only changes and
 * the ticker's beats reach Temporal. When Temporal answers a heartbeat with a cancellation (the
 * workflow's deadline passed), the executor is told by an exception from its next {@code beat} and,
 * as it may be blocked waiting for the pod, by an interrupt of the activity thread. The template's
 * {@code timeout} ends a pod still Pending the same way ({@link #timeOutIfPending}): both executors
 * delete the pod of a call whose heartbeat throws. A worker that is stopping is no cancellation:
 * when the SDK refuses beats because its worker shuts down, the beats stop quietly and the pod is
 * left running; the worker's own shutdown interrupts the call after its grace period, and the call
 * retried on another worker adopts the pod.
 */
final class Heartbeats {

  /** What a beat throws once the template's {@code timeout} has ended a pod still Pending. */
  static final class PendingTimeout extends RuntimeException {
    PendingTimeout() {
      super("the pod was still Pending when its template's timeout passed", null, false, false);
    }
  }

  /**
   * What a beat throws once {@code nodeAntiAffinity.relaxAfter} has passed with the pod still
   * unscheduled: the call deletes the pod and creates it again with one excluded host let back.
   */
  static final class Relax extends RuntimeException {
    Relax() {
      super("the pod stayed unscheduled for its relaxAfter", null, false, false);
    }
  }

  private final ActivityExecutionContext context;
  private final Thread worker;
  private PodProgress latest;
  private PodProgress sent;
  private RuntimeException cancelled;
  private boolean running = true;
  private boolean workerStopping;

  Heartbeats(ActivityExecutionContext context, PodProgress initial, Thread worker) {
    this.context = context;
    this.latest = initial;
    this.worker = worker;
  }

  /**
   * The executor's report: remembered, and sent when it differs from what Temporal last got. Throws
   * once the activity is cancelled.
   */
  void beat(PodProgress progress) {
    boolean changed;
    synchronized (this) {
      latest = progress;
      changed = !progress.equals(sent);
    }
    if (changed) {
      send();
    }
    rethrowCancellation();
  }

  /** The ticker's beat: the latest progress again, so a silent pod still shows a live worker. */
  void repeat() {
    send();
  }

  private void send() {
    PodProgress progress;
    synchronized (this) {
      if (!running || cancelled != null || workerStopping) {
        return;
      }
      progress = latest;
    }
    try {
      context.heartbeat(progress);
      synchronized (this) {
        sent = progress;
      }
    } catch (ActivityWorkerShutdownException e) {
      synchronized (this) {
        workerStopping = true;
      }
    } catch (ActivityCompletionException e) {
      synchronized (this) {
        cancelled = e;
        if (running) {
          worker.interrupt();
        }
      }
    }
  }

  /**
   * Ends the attempt when its pod is still Pending: the executor's next beat throws {@link
   * PendingTimeout}, and the thread is interrupted in case it is waiting. True when it did.
   */
  boolean timeOutIfPending() {
    synchronized (this) {
      if (!running || cancelled != null || latest.phase() != NodePhase.Pending) {
        return false;
      }
      cancelled = new PendingTimeout();
      worker.interrupt();
      return true;
    }
  }

  /**
   * Stops the executor's wait when the pod is still Pending and unscheduled (no host): its next
   * beat throws {@link Relax}, and the thread is interrupted in case it is waiting. True when it
   * did.
   */
  boolean relaxIfUnscheduled() {
    synchronized (this) {
      if (!running
          || cancelled != null
          || latest.phase() != NodePhase.Pending
          || latest.hostNodeName() != null) {
        return false;
      }
      cancelled = new Relax();
      worker.interrupt();
      return true;
    }
  }

  /** True while a {@link #relaxIfUnscheduled} is being carried out. */
  synchronized boolean relaxing() {
    return cancelled instanceof Relax;
  }

  /** The pod was deleted to be created again with {@code progress}: beats go on from there. */
  void relaxed(PodProgress progress) {
    synchronized (this) {
      if (cancelled instanceof Relax) {
        cancelled = null;
      }
      latest = progress;
    }
    send();
  }

  /** True once {@link #timeOutIfPending} has ended the attempt. */
  synchronized boolean timedOut() {
    return cancelled instanceof PendingTimeout;
  }

  /** The latest progress the executor reported (or the one the call resumed from). */
  synchronized PodProgress latest() {
    return latest;
  }

  /** True once the SDK refused a beat because this worker is shutting down. */
  synchronized boolean workerStopping() {
    return workerStopping;
  }

  /** True once Temporal reported the activity cancelled (not merely timed out Pending). */
  synchronized boolean cancelled() {
    return cancelled instanceof ActivityCanceledException;
  }

  /** Throws the cancellation Temporal reported (or the pending timeout), if any. */
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
