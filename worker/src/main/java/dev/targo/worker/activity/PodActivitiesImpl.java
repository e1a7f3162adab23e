package dev.targo.worker.activity;

import dev.targo.api.Names;
import dev.targo.api.temporal.ArgoFailures;
import dev.targo.api.temporal.Daemoned;
import dev.targo.api.temporal.PodActivities;
import dev.targo.api.temporal.PodDeletion;
import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.ArgoDurations;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodClassifier;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.retry.TemplateTimeouts;
import dev.targo.argo.retry.TransientErrors;
import dev.targo.argo.status.NodePhase;
import dev.targo.worker.executor.PodExecutor;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCanceledException;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
 * shared by all calls, which starts a virtual thread per periodic beat; {@link #close()} stops it.
 *
 * <p>A request with a {@link PodRequest#pendingDeadline()} (the template's {@code timeout}) is
 * watched: when the deadline passes while the pod is still Pending, the pod is deleted and the
 * attempt ends Failed with Argo's message {@code timeout}, as Argo's controller ends a Pending node
 * ({@code checkTemplateTimeouts}). Only the executor knows whether the pod has started, so this is
 * decided here and not by a workflow timer; the deadline is absolute, so a call retried on another
 * worker keeps it.
 */
public final class PodActivitiesImpl implements PodActivities, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PodActivitiesImpl.class);

  /** Failure type of an executor fault, as Temporal shows it. */
  static final String EXECUTOR_FAULT = "PodExecutorFault";

  /**
   * The failure of a call its worker let go of when it stopped (after the shutdown grace): retried
   * by Temporal like an executor fault, on another worker, which adopts the pod.
   */
  static final String WORKER_STOPPED = "WorkerStopped";

  /**
   * How long a retried call lets the executor look at the pod it adopts before a pending deadline
   * that has already passed is checked: until then its progress is the one it resumed from.
   */
  static final Duration RESUME_SETTLE = Duration.ofSeconds(5);

  private final PodExecutor executor;
  private final String transientErrorPattern;
  private final Duration heartbeatInterval;
  private final Clock clock;
  private final ScheduledExecutorService ticker;

  /** Activities on the system clock. */
  public PodActivitiesImpl(
      PodExecutor executor, String transientErrorPattern, Duration heartbeatInterval) {
    this(executor, transientErrorPattern, heartbeatInterval, Clock.systemUTC());
  }

  /**
   * @param transientErrorPattern the {@code TRANSIENT_ERROR_PATTERN} regex, read once, or null
   * @param heartbeatInterval how often to heartbeat while the pod's progress does not change
   * @param clock the time pending deadlines are compared with (workflow time: the Temporal
   *     server's)
   */
  public PodActivitiesImpl(
      PodExecutor executor, String transientErrorPattern, Duration heartbeatInterval, Clock clock) {
    this.executor = executor;
    this.clock = clock;
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

  /**
   * Runs the attempt; a pod that Failed or Errored ends the call failed, non-retryably, with the
   * outcome in the failure's details ({@link ArgoFailures#attempt}), so the Web UI shows a failed
   * attempt as failed while the workflow still reads its outcome.
   */
  @Override
  public AttemptOutcome runAttempt(PodRequest request) {
    AttemptOutcome outcome = attempt(request);
    if (outcome.phase().failedOrError()) {
      throw ArgoFailures.attempt(outcome);
    }
    return outcome;
  }

  /** A periodic beat; none once the worker is stopping (its heartbeat sender is gone). */
  private static void repeat(Heartbeats beats) {
    try {
      beats.repeat();
    } catch (RejectedExecutionException stopping) {
      // The attempt ends with the worker; a later worker adopts the pod by its name.
    }
  }

  private AttemptOutcome attempt(PodRequest request) {
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
    // The ticker only keeps time; each beat is sent from a virtual thread of its own. Sent from
    // the ticker itself, one blocking call after another, the beats of some thousand waiting
    // attempts took longer than the heartbeat timeout to go round on a busy server, and Temporal
    // timed those attempts out (issue 13, scenario 5).
    ScheduledFuture<?> tick =
        ticker.scheduleAtFixedRate(
            () -> Thread.startVirtualThread(() -> repeat(beats)),
            every,
            every,
            TimeUnit.MILLISECONDS);
    PendingWatch pending =
        request.pendingDeadline() == null
            ? null
            : new PendingWatch(
                beats, request.pendingDeadline(), context.getInfo().getAttempt() > 1);
    PodRequest current = request;
    List<String> letBack = new ArrayList<>();
    DaemonReadiness daemon =
        request.template().daemonTemplate()
            ? new DaemonReadiness(context, request.podName())
            : null;
    try {
      while (true) {
        RelaxWatch relax =
            current.nextRelaxedHost() == null ? null : new RelaxWatch(beats, current);
        try {
          AttemptOutcome outcome =
              executor.run(
                  current,
                  daemon == null
                      ? beats::beat
                      : progress -> {
                        beats.beat(progress);
                        daemon.seen(progress);
                      });
          if (beats.relaxing()) {
            // The pod ended just as it was to be relaxed: its own outcome stands.
            beats.relaxed(beats.latest());
          }
          if (!beats.timedOut()) {
            // A pod that ended just as its pending deadline passed keeps its own outcome.
            beats.rethrowCancellation();
          }
          return withRelaxation(withTransientFlag(outcome), request, letBack);
        } catch (ActivityCanceledException e) {
          return givenUp(request, beats.latest());
        } catch (ActivityCompletionException e) {
          throw e;
        } catch (Exception e) {
          if (beats.relaxing()) {
            current = relaxed(current, beats, letBack);
            continue;
          }
          return failed(request, beats, e);
        } finally {
          if (relax != null) {
            relax.cancel();
          }
        }
      }
    } finally {
      if (pending != null) {
        pending.cancel();
      }
      tick.cancel(false);
      beats.stop();
    }
  }

  /**
   * The attempt whose pod stayed unscheduled for {@code nodeAntiAffinity.relaxAfter} (targo): its
   * pod is deleted, and the same attempt goes on with the host whose failure is oldest let back. A
   * deletion that fails is an executor fault, so the call is retried (and adopts the pod).
   */
  private PodRequest relaxed(PodRequest current, Heartbeats beats, List<String> letBack) {
    // The interrupt that woke the executor is spent; the deletion must not see it.
    Thread.interrupted();
    try {
      executor.delete(PodDeletion.pod(current.namespace(), current.podName()));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw ApplicationFailure.newFailureWithCause(
          "delete pod " + current.podName() + " to relax its exclusion: " + e, EXECUTOR_FAULT, e);
    }
    String host = current.nextRelaxedHost();
    letBack.add(host);
    PodRequest next = current.relaxed();
    LOG.info(
        "Pod {} stayed unscheduled for {}: creating it again without excluding {}",
        current.podName(),
        ArgoDurations.humanize(current.relaxation().after()),
        host);
    beats.relaxed(
        new PodProgress(
            current.podName(), NodePhase.Pending, relaxationNote(next, letBack), null, null));
    return next;
  }

  /** What a relaxed attempt's node says: which hosts were let back, and after how long. */
  static String relaxationNote(PodRequest request, List<String> letBack) {
    return "nodeAntiAffinity relaxed: "
        + String.join(", ", letBack)
        + " let back after "
        + ArgoDurations.humanize(request.relaxation().after())
        + " unscheduled"
        + (letBack.size() > 1 ? " each" : "");
  }

  /** The outcome of an attempt some of whose excluded hosts were let back, saying so. */
  private static AttemptOutcome withRelaxation(
      AttemptOutcome outcome, PodRequest request, List<String> letBack) {
    if (letBack.isEmpty()) {
      return outcome;
    }
    String note = relaxationNote(request, letBack);
    return outcome.withMessage(
        outcome.message() == null ? note : outcome.message() + " (" + note + ")");
  }

  /** The call's end after the executor threw {@code e} (not a relaxation). */
  private AttemptOutcome failed(PodRequest request, Heartbeats beats, Exception e) {
    if (beats.timedOut()) {
      return pendingTimedOut(request, beats.latest());
    }
    // An interrupt comes from a cancellation or from the worker shutting down, in which case
    // the call is retried like any other fault.
    if (beats.cancelled()) {
      return givenUp(request, beats.latest());
    }
    beats.rethrowCancellation();
    if (beats.workerStopping()) {
      throw ApplicationFailure.newFailureWithCause(
          "pod " + request.podName() + ": this worker stopped; the pod is left to the next one",
          WORKER_STOPPED,
          e);
    }
    throw ApplicationFailure.newFailureWithCause(
        "pod " + request.podName() + ": " + e, EXECUTOR_FAULT, e);
  }

  /**
   * The attempt whose pod was still Pending at its deadline: the pod is deleted (also when the
   * executor did so already: Argo deletes a timed-out pod whatever {@code podGC} says) and the
   * attempt ends Failed {@code timeout}. A deletion that fails is an executor fault, so the call is
   * retried and finds the pod still Pending past its deadline.
   */
  private AttemptOutcome pendingTimedOut(PodRequest request, PodProgress last) {
    // The interrupt that woke the executor is spent; the deletion must not see it.
    Thread.interrupted();
    try {
      executor.delete(PodDeletion.pod(request.namespace(), request.podName()));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      throw ApplicationFailure.newFailureWithCause(
          "delete timed-out pod " + request.podName() + ": " + e, EXECUTOR_FAULT, e);
    }
    Instant now = clock.instant();
    return withTransientFlag(
        AttemptOutcome.ended(
                NodePhase.Failed, TemplateTimeouts.PENDING_MESSAGE, request.podName(), now, now)
            .onHost(last.hostNodeName()));
  }

  /**
   * The attempt the workflow gave up on (its deadline, a stop, its cancellation), whose pod the
   * executor deleted: ended with the host it ran on, which the workflow keeps on its node as Argo
   * keeps {@code hostNodeName} on a pod stopped at the workflow's deadline. The workflow gives the
   * node its own phase and message.
   */
  private AttemptOutcome givenUp(PodRequest request, PodProgress last) {
    Instant now = clock.instant();
    return AttemptOutcome.ended(
            NodePhase.Error, PodClassifier.POD_DELETED, request.podName(), now, now)
        .onHost(last.hostNodeName());
  }

  /**
   * Tells the workflow that runs a daemon's attempt, once, that its pod runs and is ready ({@code
   * daemon: true}): the workflow lets the steps after it go on while the pod runs on. A signal that
   * cannot be sent is tried again at the next progress; a retried call tells again (the workflow
   * keeps the first).
   */
  static final class DaemonReadiness {
    private final ActivityExecutionContext context;
    private final String podName;
    private boolean told;

    DaemonReadiness(ActivityExecutionContext context, String podName) {
      this.context = context;
      this.podName = podName;
    }

    void seen(PodProgress progress) {
      if (told || !progress.daemonReady()) {
        return;
      }
      try {
        context
            .getWorkflowClient()
            .newUntypedWorkflowStub(context.getInfo().getWorkflowId())
            .signal(
                Names.SIGNAL_DAEMONED,
                new Daemoned(null, podName, progress.podIP(), progress.hostNodeName()));
        told = true;
        LOG.info("Daemon pod {} is ready at {}", podName, progress.podIP());
      } catch (RuntimeException e) {
        LOG.warn(
            "Could not tell the workflow that daemon pod {} is ready: {}", podName, e.toString());
      }
    }
  }

  /**
   * Times the attempt out at its pending deadline if its pod is still Pending then (Argo's test is
   * "now is after the deadline"). Checked again later when the clock is not there yet.
   */
  private final class PendingWatch implements Runnable {
    private final Heartbeats beats;
    private final Instant deadline;
    private ScheduledFuture<?> next;

    PendingWatch(Heartbeats beats, Instant deadline, boolean resumed) {
      this.beats = beats;
      this.deadline = deadline;
      long delay = millisUntilPast();
      if (resumed) {
        delay = Math.max(delay, RESUME_SETTLE.toMillis());
      }
      schedule(delay);
    }

    @Override
    public void run() {
      long left = millisUntilPast();
      if (left > 0) {
        schedule(left);
        return;
      }
      beats.timeOutIfPending();
    }

    private long millisUntilPast() {
      return Math.max(0, Duration.between(clock.instant(), deadline).toMillis() + 1);
    }

    private synchronized void schedule(long delay) {
      next = ticker.schedule(this, delay, TimeUnit.MILLISECONDS);
    }

    synchronized void cancel() {
      next.cancel(false);
    }
  }

  /**
   * Lets an excluded host back when the pod stays unscheduled for {@code relaxAfter} (targo's
   * {@code nodeAntiAffinity.relaxAfter}): the executor is stopped ({@link
   * Heartbeats#relaxIfUnscheduled}), and the call creates the pod again without that host. A pod
   * that has been scheduled is left alone.
   */
  private final class RelaxWatch implements Runnable {
    private final Heartbeats beats;
    private final ScheduledFuture<?> next;

    RelaxWatch(Heartbeats beats, PodRequest request) {
      this.beats = beats;
      this.next =
          ticker.schedule(this, request.relaxation().after().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void run() {
      beats.relaxIfUnscheduled();
    }

    void cancel() {
      next.cancel(false);
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
    return o.asTransient();
  }

  @Override
  public void close() {
    ticker.shutdownNow();
  }
}
