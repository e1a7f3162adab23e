package dev.targo.worker.workflow;

import dev.targo.api.temporal.PodActivities;
import dev.targo.api.temporal.PodDeletion;
import dev.targo.argo.RetryStrategies.Resolution;
import dev.targo.argo.plan.PodGc;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.retry.Backoffs;
import dev.targo.argo.retry.RetryContext;
import dev.targo.argo.retry.RetryDecider;
import dev.targo.argo.retry.RetryDecision;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.PodNodes;
import dev.targo.argo.status.TemplateNodeState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one container or script node inside workflow code: an activity per attempt, a durable timer
 * per backoff, and the pure {@link RetryDecider} in between. It asks {@link AttemptPlanner} what to
 * run and reports every change of the node to a listener, so the same runner can serve the
 * entrypoint now and each step's child workflow later.
 */
final class PodNodeRunner {

  /** Argo's message for a pod ended by the workflow's {@code activeDeadlineSeconds}. */
  static final String DEADLINE_MESSAGE = "Step exceeded its deadline";

  /** Version marker of the maxDuration window timer (runs recorded before it have none). */
  static final String WINDOW_CHANGE = "maxduration-window-ends-pending-attempts";

  /** How long after the window end a still unfinished attempt is ended by the workflow. */
  static final Duration WINDOW_GRACE = Duration.ofSeconds(2);

  /**
   * Version marker of pod deletion by the workflow (runs recorded before it had their pods deleted
   * inside the attempt's activity, and schedule no delete activity).
   */
  static final String POD_GC_CHANGE = "pod-gc-by-workflow";

  /**
   * Version marker of the prompt deletion of an abandoned attempt's pod (runs recorded before it
   * cancelled the attempt's call without waiting for it, and left a pod that podGC keeps to the
   * call's next heartbeat).
   */
  static final String ABANDON_CHANGE = "delete-abandoned-pod";

  /**
   * Version marker of the template's {@code timeout} (runs recorded before it ignored the field:
   * every attempt ran, whatever its value).
   */
  static final String TIMEOUT_CHANGE = "template-timeout";

  /** Called between two attempts, once any wait is over; may continue the workflow as new. */
  interface BetweenAttempts {
    void check(PodNodeRunner runner);
  }

  private final NodeSpec node;
  private final WorkerSettings settings;
  private final Promise<Void> deadline;
  private final Consumer<TemplateNodeState> listener;
  private final Shutdown shutdown;
  private final PodGc podGc;
  private final List<Promise<Void>> deletions = new ArrayList<>();
  private boolean abandonedPodDeleted;
  private TemplateNodeState state;
  private AttemptHistory history;

  /**
   * @param deadline completes when the workflow's deadline passes (never, without one)
   */
  PodNodeRunner(
      NodeSpec node,
      WorkerSettings settings,
      Promise<Void> deadline,
      TemplateNodeState state,
      AttemptHistory history,
      Shutdown shutdown,
      PodGc podGc,
      Consumer<TemplateNodeState> listener) {
    this.node = node;
    this.podGc = podGc;
    this.shutdown = shutdown;
    this.settings = settings;
    this.deadline = deadline;
    this.state = state;
    this.history = history;
    this.listener = listener;
  }

  TemplateNodeState state() {
    return state;
  }

  AttemptHistory history() {
    return history;
  }

  /**
   * Runs attempts until the node has finished, and returns its final state once every pod deletion
   * it started is over.
   */
  TemplateNodeState run(BetweenAttempts between) {
    TemplateNodeState end = runAttempts(between);
    awaitDeletions();
    return end;
  }

  /**
   * Waits until every pod deletion started so far is over. Called before the node completes and
   * before its workflow continues as new (which would drop the outstanding activities). A deletion
   * that failed for good leaves its pod behind; the node's result is not changed by it.
   */
  void awaitDeletions() {
    for (Promise<Void> deletion : deletions) {
      try {
        deletion.get();
      } catch (ActivityFailure failure) {
        Workflow.getLogger(PodNodeRunner.class)
            .warn("Could not delete a finished pod: {}", failureMessage(failure));
      }
    }
    deletions.clear();
  }

  private TemplateNodeState runAttempts(BetweenAttempts between) {
    while (true) {
      if (shutdown.isRequested()) {
        // Argo creates no pod once the workflow is shutting down; checked before a possible
        // continue-as-new, which would not carry the request.
        return finish(NodePhase.Failed, shutdown.message());
      }
      if (history.attemptsSoFar() > 0) {
        between.check(this);
      }
      AttemptPlanner.Plan plan = AttemptPlanner.plan(node, history, now(), appliesTimeout());
      if (plan instanceof AttemptPlanner.Plan.Invalid invalid) {
        return finish(NodePhase.Error, invalid.message());
      }
      AttemptPlanner.Plan.Ready ready = (AttemptPlanner.Plan.Ready) plan;
      AttemptOutcome outcome = attempt(ready.request(), ready.strategy(), ready.rejection());
      if (!node.retried()) {
        update(state.finished(outcome.phase(), outcome.message(), outcome.finishedAt()));
        return state;
      }
      if (outcome.phase() == NodePhase.Succeeded) {
        return finish(NodePhase.Succeeded, null);
      }
      if (!(ready.strategy() instanceof Resolution.Resolved resolved)) {
        // Argo reads the strategy only once an attempt has failed, and ends the node in Error.
        Resolution.Invalid invalid = (Resolution.Invalid) ready.strategy();
        return finish(NodePhase.Error, invalid.errors().getFirst().message());
      }
      RetryDecision decision = RetryDecider.decide(resolved.strategy(), context());
      if (decision instanceof RetryDecision.Retry retry) {
        waitOut(retry);
        if (deadline.isCompleted()) {
          decision = RetryDecider.decide(resolved.strategy(), context());
        }
      }
      if (decision instanceof RetryDecision.Finish finish) {
        return finish(finish.phase(), finish.message());
      }
    }
  }

  /**
   * Creates the attempt's node, runs its pod and records how it ended. An attempt the workflow's
   * deadline overtakes (running, or not even started) ends Failed with Argo's {@code Step exceeded
   * its deadline}; one whose pod cannot be built ({@code rejection}) ends Error without a pod.
   */
  private AttemptOutcome attempt(PodRequest request, Resolution strategy, String rejection) {
    NodeStatus created =
        PodNodes.created(
            request.nodeId(), request.nodeName(), node.template().name(), request.podName(), now());
    update(state.withAttemptCreated(created));
    if (rejection != null) {
      AttemptOutcome rejected =
          new AttemptOutcome(
              NodePhase.Error,
              rejection,
              null,
              null,
              created.startedAt(),
              now(),
              false,
              request.podName(),
              null);
      update(state.withLastAttempt(PodNodes.finished(created, rejected)));
      history = history.record(rejected, created.startedAt());
      return rejected;
    }
    AttemptOutcome outcome = call(request, strategy);
    if (outcome == null) {
      outcome =
          shutdown.isRequested()
              ? stoppedOutcome(created, now(), shutdown.message())
              : deadlineOutcome(created, now());
    }
    update(state.withLastAttempt(PodNodes.finished(created, outcome)));
    history = history.record(outcome, created.startedAt());
    if (abandonedPodDeleted) {
      abandonedPodDeleted = false; // already deleted when the attempt was given up
    } else {
      deletePod(request, outcome);
    }
    return outcome;
  }

  /**
   * Starts the deletion of the attempt's pod, now that its outcome is recorded, when {@code podGC}
   * says so. Not awaited here: it must not hold up the backoff or the next attempt.
   */
  private void deletePod(PodRequest request, AttemptOutcome outcome) {
    if (!PodGcs.deleteAfterAttempt(podGc, outcome.phase())
        || Workflow.getVersion(POD_GC_CHANGE, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return;
    }
    PodActivities pods =
        Workflow.newActivityStub(
            PodActivities.class, settings.deleteOptions(Summaries.deletePod(request.podName())));
    deletions.add(
        Async.procedure(pods::deletePods, PodDeletion.pod(request.namespace(), request.podName())));
  }

  /** Waits out a backoff on a durable timer, or until the workflow's deadline if that is sooner. */
  private void waitOut(RetryDecision.Retry retry) {
    Duration wait = Waits.remaining(retry.delay(), history.last().finishedAt(), now());
    if (wait.isZero()) {
      return;
    }
    update(state.waiting(retry.message()));
    TimerOptions options =
        TimerOptions.newBuilder()
            .setSummary(Summaries.backoff(wait, history.attemptsSoFar()))
            .build();
    Promise<Void> timer = Workflow.newTimer(wait, options);
    Workflow.await(() -> timer.isCompleted() || deadline.isCompleted() || shutdown.isRequested());
  }

  /**
   * One activity call; null when the workflow's deadline passed, the window closed or a shutdown
   * was requested first (the call is given up: see {@link #abandon}).
   */
  private AttemptOutcome call(PodRequest request, Resolution resolution) {
    if (deadline.isCompleted() || shutdown.isRequested()) {
      return null;
    }
    Integer limit = 0;
    if (resolution instanceof Resolution.Resolved resolved) {
      limit = resolved.strategy().limit();
    } else if (resolution != null) {
      limit = null;
    }
    String summary =
        Summaries.attempt(
            request.attempt(), limit, node.template().name(), request.excludedHosts());
    boolean deleteAbandoned =
        Workflow.getVersion(ABANDON_CHANGE, Workflow.DEFAULT_VERSION, 1)
            != Workflow.DEFAULT_VERSION;
    PodActivities pods =
        Workflow.newActivityStub(
            PodActivities.class, settings.attemptOptions(summary, deleteAbandoned));
    List<Promise<AttemptOutcome>> call = new ArrayList<>(1);
    CancellationScope scope =
        Workflow.newCancellationScope(() -> call.add(Async.function(pods::runAttempt, request)));
    scope.run();
    Promise<AttemptOutcome> result = call.getFirst();
    Promise<Void> window = windowTimer(resolution);
    try {
      Workflow.await(
          () ->
              result.isCompleted()
                  || deadline.isCompleted()
                  || window.isCompleted()
                  || shutdown.isRequested());
    } catch (CanceledFailure workflowCancelled) {
      if (deleteAbandoned) {
        // The workflow itself is cancelled: its pod goes at once too, from a scope that this
        // cancellation does not reach.
        Workflow.newDetachedCancellationScope(
                () -> {
                  abandon(request, scope, result);
                  awaitDeletions();
                })
            .run();
      }
      throw workflowCancelled;
    }
    if (!result.isCompleted()) {
      if (deleteAbandoned) {
        abandon(request, scope, result);
      } else {
        scope.cancel(); // the call deletes the pod once its next heartbeat learns of it
      }
      return null;
    }
    try {
      return result.get();
    } catch (ActivityFailure failure) {
      // Activity retries are unlimited, so only a non-retryable failure gets here: the attempt
      // could not be run at all, which Argo reports as an Error node.
      return new AttemptOutcome(
          NodePhase.Error,
          failureMessage(failure),
          null,
          null,
          state.lastAttempt().startedAt(),
          now(),
          false,
          request.podName(),
          null);
    }
  }

  /**
   * Gives up on a running attempt: cancels its call and deletes its pod at once, whatever podGC
   * says (the call itself would only learn of the cancellation from its next heartbeat that reaches
   * Temporal, up to 0.8 × the heartbeat timeout later), then waits for the call to end, which it
   * does once its pod is gone. What the call returns is not recorded: the workflow has already
   * decided how the attempt ended.
   */
  private void abandon(
      PodRequest request, CancellationScope scope, Promise<AttemptOutcome> result) {
    scope.cancel();
    PodActivities pods =
        Workflow.newActivityStub(
            PodActivities.class,
            settings.deleteOptions(Summaries.deleteAbandonedPod(request.podName())));
    deletions.add(
        Async.procedure(
            pods::deletePods, PodDeletion.abandoned(request.namespace(), request.podName())));
    abandonedPodDeleted = true;
    try {
      result.get();
    } catch (ActivityFailure | CanceledFailure ended) {
      // Cancelled, or failed after the cancellation: over either way.
    }
  }

  /**
   * targo: the {@code maxDuration} window also ends an attempt ≥ 1 that is still waiting for a node
   * when the window closes. Argo bounds only a started step (its executor kills it) and leaves a
   * pod that no node can take Pending forever — which {@code nodeAntiAffinity} causes once every
   * node has failed once. The timer fires a little after the window end, so a started pod is
   * normally ended first by its own {@code activeDeadlineSeconds} (the time left in the window).
   */
  private Promise<Void> windowTimer(Resolution resolution) {
    if (!(resolution instanceof Resolution.Resolved resolved)
        || history.attemptsSoFar() == 0
        || Workflow.getVersion(WINDOW_CHANGE, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return Workflow.newPromise();
    }
    Instant end = Backoffs.windowEnd(resolved.strategy(), history.firstAttemptStartedAt());
    if (end == null) {
      return Workflow.newPromise();
    }
    Duration left = Duration.between(now(), end).plus(WINDOW_GRACE);
    if (left.isNegative() || left.isZero()) {
      left = Duration.ofMillis(1);
    }
    return Workflow.newTimer(
        left, TimerOptions.newBuilder().setSummary("maxDuration window ends " + end).build());
  }

  /** Whether this run applies the template's {@code timeout}; asked only of templates with one. */
  private boolean appliesTimeout() {
    return node.template().timeout() != null
        && Workflow.getVersion(TIMEOUT_CHANGE, Workflow.DEFAULT_VERSION, 1)
            != Workflow.DEFAULT_VERSION;
  }

  private RetryContext context() {
    return new RetryContext(
        history.attemptsSoFar(),
        history.firstAttemptStartedAt(),
        history.last(),
        decisionTime(),
        node.workflowDeadline(),
        shutdown.strategy());
  }

  /**
   * The workflow time a decision is taken at. Once the deadline timer has fired it is strictly
   * after the deadline: Argo's test is "now is after the deadline", and the timer fires at the
   * deadline itself.
   */
  private Instant decisionTime() {
    Instant now = now();
    if (!deadline.isCompleted()) {
      return now;
    }
    Instant after = node.workflowDeadline().plusMillis(1);
    return now.isAfter(after) ? now : after;
  }

  private TemplateNodeState finish(NodePhase phase, String message) {
    update(state.finished(phase, message, now()));
    return state;
  }

  private void update(TemplateNodeState next) {
    state = next;
    listener.accept(next);
  }

  private static AttemptOutcome deadlineOutcome(NodeStatus node, Instant at) {
    return new AttemptOutcome(
        NodePhase.Failed,
        DEADLINE_MESSAGE,
        null,
        null,
        node.startedAt(),
        at,
        false,
        node.podName(),
        null);
  }

  private static AttemptOutcome stoppedOutcome(NodeStatus node, Instant at, String message) {
    return new AttemptOutcome(
        NodePhase.Failed, message, null, null, node.startedAt(), at, false, node.podName(), null);
  }

  private static String failureMessage(ActivityFailure failure) {
    if (failure.getCause() instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    return failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage();
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
