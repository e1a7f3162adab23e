package dev.targo.worker.workflow;

import dev.targo.api.status.NodePhase;
import dev.targo.api.temporal.AttemptOutcome;
import dev.targo.api.temporal.PodActivities;
import dev.targo.api.temporal.PodDeletion;
import dev.targo.api.temporal.PodProgress;
import dev.targo.api.temporal.PodRequest;
import dev.targo.worker.executor.PodExecutor;
import dev.targo.worker.retry.TransientErrors;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs attempts through a {@link PodExecutor}. The pod's progress is heartbeated, both when it
 * changes and on a fixed beat while nothing changes, so that Temporal notices a dead worker within
 * the heartbeat timeout and retries the call elsewhere; the retried call adopts the pod by its
 * name. A failed pod is a returned outcome; only faults of the executor itself are thrown, as
 * retryable failures (the same attempt, tried again). The heartbeat ticker is one daemon thread
 * shared by all calls; {@link #close()} stops it.
 */
public final class PodActivitiesImpl implements PodActivities, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PodActivitiesImpl.class);

  /** Failure type of an executor fault, as Temporal shows it. */
  static final String EXECUTOR_FAULT = "PodExecutorFault";

  private final PodExecutor executor;
  private final String transientErrorPattern;
  private final Duration heartbeatInterval;
  private final ScheduledExecutorService ticker;

  /**
   * @param transientErrorPattern the {@code TRANSIENT_ERROR_PATTERN} regex, read once, or null
   * @param heartbeatInterval how often to heartbeat while the pod's progress does not change
   */
  public PodActivitiesImpl(
      PodExecutor executor, String transientErrorPattern, Duration heartbeatInterval) {
    this.executor = executor;
    this.transientErrorPattern = transientErrorPattern;
    this.heartbeatInterval = heartbeatInterval;
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "targo-heartbeat");
              t.setDaemon(true);
              return t;
            });
  }

  @Override
  public AttemptOutcome runAttempt(PodRequest request) {
    ActivityExecutionContext context = Activity.getExecutionContext();
    PodProgress resumed = context.getHeartbeatDetails(PodProgress.class).orElse(null);
    if (resumed != null) {
      LOG.info(
          "Resuming attempt {}: pod was {} on {}",
          request.podName(),
          resumed.phase(),
          resumed.hostNodeName());
    }
    PodProgress initial =
        resumed != null
            ? resumed
            : new PodProgress(request.podName(), NodePhase.Pending, null, null, null);
    Heartbeats beats = new Heartbeats(context, initial, Thread.currentThread());
    long every = heartbeatInterval.toMillis();
    ScheduledFuture<?> tick =
        ticker.scheduleAtFixedRate(beats::repeat, every, every, TimeUnit.MILLISECONDS);
    try {
      AttemptOutcome outcome = executor.run(request, beats::beat);
      beats.rethrowCancellation();
      return withTransientFlag(outcome);
    } catch (ActivityCompletionException e) {
      throw e;
    } catch (Exception e) {
      // An interrupt comes from a cancellation (rethrown here) or from the worker shutting down,
      // in which case the call is retried like any other fault.
      beats.rethrowCancellation();
      throw ApplicationFailure.newFailureWithCause(
          "pod " + request.podName() + ": " + e, EXECUTOR_FAULT, e);
    } finally {
      tick.cancel(false);
      beats.stop();
    }
  }

  @Override
  public void deletePods(PodDeletion deletion) {
    try {
      executor.delete(deletion);
    } catch (ActivityCompletionException e) {
      throw e;
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw ApplicationFailure.newFailureWithCause(
          "delete " + describe(deletion) + ": " + e, EXECUTOR_FAULT, e);
    }
  }

  private static String describe(PodDeletion d) {
    return d.workflowName() != null
        ? "pods of workflow " + d.workflowName()
        : "pods " + d.podNames();
  }

  /**
   * Marks a failed outcome transient when its message matches Argo's transient patterns ({@code
   * OnTransientError}); an executor that already knows the cause keeps its own flag.
   */
  AttemptOutcome withTransientFlag(AttemptOutcome o) {
    if (o.transientError()
        || !o.phase().failedOrError()
        || !TransientErrors.isTransient(o.message(), transientErrorPattern)) {
      return o;
    }
    return new AttemptOutcome(
        o.phase(),
        o.message(),
        o.exitCode(),
        o.hostNodeName(),
        o.startedAt(),
        o.finishedAt(),
        true,
        o.podName(),
        o.result());
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
