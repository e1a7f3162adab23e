package dev.targo.worker.workflow;

import dev.targo.api.argo.RetryStrategies.Resolution;
import dev.targo.api.argo.RetryStrategy;
import dev.targo.api.status.NodePhase;
import dev.targo.api.status.NodeStatus;
import dev.targo.api.temporal.AttemptOutcome;
import dev.targo.api.temporal.PodActivities;
import dev.targo.api.temporal.PodRequest;
import dev.targo.worker.retry.RetryContext;
import dev.targo.worker.retry.RetryDecider;
import dev.targo.worker.retry.RetryDecision;
import dev.targo.worker.status.PodNodes;
import dev.targo.worker.status.TemplateNodeState;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
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

  /** Called between two attempts, once any wait is over; may continue the workflow as new. */
  interface BetweenAttempts {
    void check(PodNodeRunner runner);
  }

  private final NodeSpec node;
  private final WorkerSettings settings;
  private final Promise<Void> deadline;
  private final Consumer<TemplateNodeState> listener;
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
      Consumer<TemplateNodeState> listener) {
    this.node = node;
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

  /** Runs attempts until the node has finished, and returns its final state. */
  TemplateNodeState run(BetweenAttempts between) {
    while (true) {
      if (history.attemptsSoFar() > 0) {
        between.check(this);
      }
      if (deadline.isCompleted()) {
        return history.last() == null
            ? finish(NodePhase.Failed, DEADLINE_MESSAGE, now())
            : finishAfterDeadline(currentStrategy());
      }
      Instant now = now();
      AttemptPlanner.Plan plan = AttemptPlanner.plan(node, history, now);
      if (plan instanceof AttemptPlanner.Plan.Invalid invalid) {
        return finish(NodePhase.Error, invalid.message(), now);
      }
      AttemptPlanner.Plan.Ready ready = (AttemptPlanner.Plan.Ready) plan;
      PodRequest request = ready.request();
      NodeStatus created =
          PodNodes.created(
              request.nodeId(), request.nodeName(), node.template().name(), request.podName(), now);
      update(state.withAttemptCreated(created));

      AttemptOutcome outcome = runAttempt(request, ready.strategy());
      boolean stoppedByDeadline = outcome == null;
      if (stoppedByDeadline) {
        outcome = deadlineOutcome(created, now());
        update(
            state.withLastAttempt(
                PodNodes.ended(created, NodePhase.Failed, DEADLINE_MESSAGE, outcome.finishedAt())));
      } else {
        update(state.withLastAttempt(PodNodes.finished(created, outcome)));
      }
      history = history.record(outcome, created.startedAt());
      if (!node.retried()) {
        return finish(outcome.phase(), outcome.message(), outcome.finishedAt());
      }
      if (outcome.phase() == NodePhase.Succeeded) {
        return finish(NodePhase.Succeeded, null, now());
      }
      if (!(ready.strategy() instanceof Resolution.Resolved resolved)) {
        Resolution.Invalid invalid = (Resolution.Invalid) ready.strategy();
        return finish(NodePhase.Error, invalid.errors().getFirst().message(), now());
      }
      if (stoppedByDeadline) {
        return finishAfterDeadline(resolved.strategy());
      }
      RetryDecision decision = RetryDecider.decide(resolved.strategy(), context(now()));
      switch (decision) {
        case RetryDecision.Finish finish -> {
          return finish(finish.phase(), finish.message(), now());
        }
        case RetryDecision.Retry retry -> {
          if (!waitOut(retry)) {
            return finishAfterDeadline(resolved.strategy());
          }
        }
      }
    }
  }

  /** Waits out a backoff on a durable timer; false when the workflow's deadline came first. */
  private boolean waitOut(RetryDecision.Retry retry) {
    Duration wait = Waits.remaining(retry.delay(), history.last().finishedAt(), now());
    if (wait.isZero()) {
      return true;
    }
    update(state.waiting(retry.message()));
    TimerOptions options =
        TimerOptions.newBuilder()
            .setSummary(Summaries.backoff(wait, history.attemptsSoFar()))
            .build();
    Promise<Void> timer = Workflow.newTimer(wait, options);
    Workflow.await(() -> timer.isCompleted() || deadline.isCompleted());
    return timer.isCompleted();
  }

  /** One activity call; null when the workflow's deadline passed first (the call is cancelled). */
  private AttemptOutcome runAttempt(PodRequest request, Resolution resolution) {
    Integer limit = 0;
    if (resolution instanceof Resolution.Resolved resolved) {
      limit = resolved.strategy().limit();
    } else if (resolution != null) {
      limit = null;
    }
    String summary =
        Summaries.attempt(
            request.attempt(), limit, node.template().name(), request.excludedHosts());
    PodActivities pods =
        Workflow.newActivityStub(PodActivities.class, settings.attemptOptions(summary));
    List<Promise<AttemptOutcome>> call = new ArrayList<>(1);
    CancellationScope scope =
        Workflow.newCancellationScope(() -> call.add(Async.function(pods::runAttempt, request)));
    scope.run();
    Promise<AttemptOutcome> result = call.getFirst();
    Workflow.await(() -> result.isCompleted() || deadline.isCompleted());
    if (!result.isCompleted()) {
      scope.cancel();
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

  private RetryContext context(Instant now) {
    return new RetryContext(
        history.attemptsSoFar(),
        history.firstAttemptStartedAt(),
        history.last(),
        now,
        node.workflowDeadline(),
        null);
  }

  /**
   * Finishes the node once the workflow's deadline has passed, with Argo's message for it. The
   * timer fires at the deadline itself, while Argo's check is "now is after the deadline".
   */
  private TemplateNodeState finishAfterDeadline(RetryStrategy strategy) {
    Instant now = now();
    Instant after = node.workflowDeadline().plusMillis(1);
    RetryContext ctx = context(now.isAfter(after) ? now : after);
    if (strategy != null
        && RetryDecider.decide(strategy, ctx) instanceof RetryDecision.Finish finish) {
      return finish(finish.phase(), finish.message(), now);
    }
    return finish(history.last().phase(), DEADLINE_MESSAGE, now);
  }

  /** The strategy the last attempt ran under, or null when it did not resolve. */
  private RetryStrategy currentStrategy() {
    AttemptPlanner.Plan plan = AttemptPlanner.plan(node, history, now());
    if (plan instanceof AttemptPlanner.Plan.Ready ready
        && ready.strategy() instanceof Resolution.Resolved resolved) {
      return resolved.strategy();
    }
    return null;
  }

  private TemplateNodeState finish(NodePhase phase, String message, Instant at) {
    update(state.finished(phase, message, at));
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
        node.hostNodeName(),
        node.startedAt(),
        at,
        false,
        node.podName(),
        null);
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
