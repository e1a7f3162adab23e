package dev.targo.worker.workflow;

import dev.targo.api.temporal.ArgoFailures;
import dev.targo.api.temporal.PodActivities;
import dev.targo.api.temporal.PodDeletion;
import dev.targo.argo.RetryStrategies.Resolution;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.Clusters;
import dev.targo.argo.pod.PodGcs;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.retry.AttemptHistory;
import dev.targo.argo.retry.Backoffs;
import dev.targo.argo.status.NodePhase;
import io.temporal.activity.ActivityOptions;
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
import java.util.Optional;

/**
 * Runs the pod attempts of one node in workflow code: one {@code runAttempt} activity per attempt,
 * raced against the workflow's deadline, the {@code maxDuration} window and a shutdown; a pod the
 * workflow gives up on is deleted at once; a finished pod is deleted as {@code podGC} says, once
 * its outcome is recorded. Deletions run beside the next backoff and attempt, and are awaited
 * before the node ends or its workflow continues as new ({@link #awaitDeletions}).
 */
final class PodAttempts {

  /** Argo's message for a pod ended by the workflow's {@code activeDeadlineSeconds}. */
  static final String DEADLINE_MESSAGE = "Step exceeded its deadline";

  /** How long after the window end a still unfinished attempt is ended by the workflow. */
  static final Duration WINDOW_GRACE = Duration.ofSeconds(2);

  private final RunContext ctx;
  private final List<Promise<Void>> deletions = new ArrayList<>();

  PodAttempts(RunContext ctx) {
    this.ctx = ctx;
  }

  /**
   * Runs one attempt and returns how it ended. An attempt the workflow's deadline overtakes
   * (running, or not even started) ends Failed with Argo's {@code Step exceeded its deadline}; one
   * a shutdown overtakes ends Failed with Argo's {@code Stopped with strategy '…'}.
   *
   * @param strategy the attempt's resolved strategy (its limit names the attempt in the Web UI; its
   *     window bounds attempts after the first), or null without one
   * @param history the node's attempts before this one
   * @param startedAt when the attempt's node was created
   */
  /**
   * Under {@code spec.parallelism}, waits for one of the workflow's pod slots (a lock shared with
   * its child workflows, so that at most that many of its pods are active) before the attempt's
   * node is created, as Argo creates no pod node while the limit is reached; false when the
   * deadline or a shutdown came first. True at once without a limit.
   */
  boolean takeSlot(PodRequest request) {
    Integer parallelism = ctx.plan().parallelism();
    if (parallelism == null) {
      return true;
    }
    String requester = Workflow.getInfo().getWorkflowId();
    return ctx.locks()
        .acquire(
            slotKey(),
            parallelism,
            requester + "#" + request.podName(),
            requester,
            waiting -> {},
            () -> ctx.deadline().isCompleted() || ctx.shutdown().isRequested());
  }

  /**
   * Gives the pod slot of {@link #takeSlot} back. (A workflow cancelled meanwhile gives nothing
   * back: the lock frees the slot once it sees the workflow closed.)
   */
  void releaseSlot(PodRequest request) {
    if (ctx.plan().parallelism() != null) {
      ctx.locks()
          .release(
              List.of(slotKey()), Workflow.getInfo().getWorkflowId() + "#" + request.podName());
    }
  }

  private String slotKey() {
    return ctx.namespace() + "/Parallelism/" + ctx.workflowName();
  }

  AttemptOutcome run(
      PodRequest request,
      Resolution strategy,
      AttemptHistory history,
      Instant startedAt,
      String memoryNote) {
    if (ctx.deadline().isCompleted() || ctx.shutdown().isRequested()) {
      return given(request, startedAt);
    }
    String cluster = request.cluster();
    PodActivities pods =
        Workflow.newActivityStub(
            PodActivities.class,
            routed(
                ctx.settings()
                    .attemptOptions(
                        Summaries.attempt(
                            request.attempt(),
                            limit(strategy),
                            request.template().name(),
                            cluster,
                            request.excludedHosts(),
                            request.avoidedHosts(),
                            request.topologyExclusion(),
                            memoryNote)),
                cluster));
    List<Promise<AttemptOutcome>> call = new ArrayList<>(1);
    CancellationScope scope =
        Workflow.newCancellationScope(() -> call.add(Async.function(pods::runAttempt, request)));
    scope.run();
    Promise<AttemptOutcome> result = call.getFirst();
    Promise<Void> window = windowTimer(strategy, history);
    boolean daemon = request.template().daemonTemplate();
    boolean daemoned = false;
    try {
      while (true) {
        boolean toldReady = daemoned;
        Workflow.await(
            () ->
                result.isCompleted()
                    || ctx.deadline().isCompleted()
                    || window.isCompleted()
                    || ctx.shutdown().isRequested()
                    || (daemon && ctx.daemons().stopRequested())
                    || (daemon && !toldReady && ctx.daemons().readyPod(request.podName()) != null));
        if (daemon
            && !daemoned
            && !result.isCompleted()
            && ctx.daemons().readyPod(request.podName()) != null) {
          daemoned = true;
          ctx.daemons()
              .becameReady(ctx, request.nodeId(), ctx.daemons().readyPod(request.podName()));
          continue;
        }
        break;
      }
    } catch (CanceledFailure workflowCancelled) {
      // The workflow itself is cancelled: its pod goes at once too, from a scope that this
      // cancellation does not reach.
      Workflow.newDetachedCancellationScope(
              () -> {
                abandon(request, scope, result);
                awaitDeletions();
              })
          .run();
      throw workflowCancelled;
    }
    if (!result.isCompleted() && daemon && ctx.daemons().stopRequested()) {
      // Argo's killDaemonedChildren: the daemon's boundary has ended; its pod goes and its node
      // Succeeded.
      String host = abandon(request, scope, result);
      return AttemptOutcome.ended(NodePhase.Succeeded, null, request.podName(), startedAt, now())
          .onHost(host);
    }
    if (!result.isCompleted()) {
      String host = abandon(request, scope, result);
      return given(request, startedAt).onHost(host);
    }
    AttemptOutcome outcome;
    try {
      outcome = result.get();
    } catch (ActivityFailure failure) {
      // A pod that Failed or Errored ends its call failed, with its outcome. Activity retries are
      // unlimited, so any other failure here is non-retryable: the attempt could not be run at
      // all, which Argo reports as an Error node.
      Optional<AttemptOutcome> failed = ArgoFailures.attemptOutcome(failure);
      if (failed.isEmpty()) {
        return AttemptOutcome.ended(
            NodePhase.Error, failureMessage(failure), request.podName(), startedAt, now());
      }
      outcome = failed.get();
    }
    if (daemon && outcome.phase() == NodePhase.Succeeded) {
      // Argo: a daemon's pod must run until its boundary stops it; one that succeeds has Failed.
      outcome = outcome.withPhase(NodePhase.Failed);
    }
    if (PodGcs.deleteAfterAttempt(ctx.plan().podGc(), outcome.phase(), PodGcs.podLabels(request))) {
      delete(
          PodDeletion.pod(request.namespace(), request.podName())
              .delayed(PodGcs.delayMillis(ctx.plan().podGc())),
          request.podName(),
          cluster,
          false);
    }
    return outcome;
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
        Workflow.getLogger(PodAttempts.class)
            .warn("Could not delete a finished pod: {}", failureMessage(failure));
      }
    }
    deletions.clear();
  }

  /** How an attempt the workflow gave up on (deadline, window, shutdown) ended. */
  private AttemptOutcome given(PodRequest request, Instant startedAt) {
    String message = ctx.shutdown().isRequested() ? ctx.shutdown().message() : DEADLINE_MESSAGE;
    return AttemptOutcome.ended(NodePhase.Failed, message, request.podName(), startedAt, now());
  }

  /**
   * Gives up on a running attempt: cancels its call and deletes its pod at once, whatever podGC
   * says (the call itself would only learn of the cancellation from its next heartbeat that reaches
   * Temporal), then waits for the call to end, which it does once its pod is gone. What the call
   * returns gives only the host its pod ran on (the node keeps it, as Argo's does): the workflow
   * has already decided how the attempt ended.
   */
  private String abandon(
      PodRequest request, CancellationScope scope, Promise<AttemptOutcome> result) {
    scope.cancel();
    delete(
        PodDeletion.abandoned(request.namespace(), request.podName()),
        request.podName(),
        request.cluster(),
        true);
    try {
      return result.get().hostNodeName();
    } catch (ActivityFailure ended) {
      // The call ends failed with its pod's host since 0.1.x; recorded runs ended cancelled.
      return ArgoFailures.attemptOutcome(ended).map(AttemptOutcome::hostNodeName).orElse(null);
    } catch (CanceledFailure ended) {
      return null;
    }
  }

  /**
   * Starts a deletion in the pod's cluster; not awaited here, so that it never holds up a backoff
   * or an attempt.
   */
  private void delete(PodDeletion deletion, String podName, String cluster, boolean abandoned) {
    PodActivities pods =
        deleter(
            ctx.settings(),
            abandoned ? Summaries.deleteAbandonedPod(podName) : Summaries.deletePod(podName),
            cluster);
    deletions.add(Async.procedure(pods::deletePods, deletion));
  }

  /**
   * A stub for pod deletions in {@code cluster} (the workflow's own task queue when null), its
   * summary naming the cluster.
   */
  static PodActivities deleter(WorkerSettings settings, String summary, String cluster) {
    return Workflow.newActivityStub(
        PodActivities.class,
        routed(settings.deleteOptions(Summaries.onCluster(summary, cluster)), cluster));
  }

  /**
   * {@code options} sending the activity to {@code cluster}'s task queue (targo's clusters, whose
   * worker polls it with that cluster's executor); {@code options} themselves without a cluster, so
   * that workflows naming none issue the commands they always did.
   */
  static ActivityOptions routed(ActivityOptions options, String cluster) {
    if (cluster == null) {
      return options;
    }
    return ActivityOptions.newBuilder(options)
        .setTaskQueue(Clusters.taskQueue(Workflow.getInfo().getTaskQueue(), cluster))
        .build();
  }

  /**
   * targo: the {@code maxDuration} window also ends an attempt ≥ 1 that is still waiting for a node
   * when the window closes. Argo bounds only a started step (its executor kills it) and leaves a
   * pod that no node can take Pending forever — which {@code nodeAntiAffinity} causes once every
   * node has failed once. The timer fires a little after the window end, so a started pod is
   * normally ended first by its own {@code activeDeadlineSeconds} (the time left in the window).
   */
  private static Promise<Void> windowTimer(Resolution strategy, AttemptHistory history) {
    if (!(strategy instanceof Resolution.Resolved resolved) || history.attemptsSoFar() == 0) {
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

  /** The retry limit the Web UI names: 0 without a strategy, null when unlimited or unknown. */
  private static Integer limit(Resolution strategy) {
    if (strategy == null) {
      return 0;
    }
    return strategy instanceof Resolution.Resolved resolved ? resolved.strategy().limit() : null;
  }

  static String failureMessage(ActivityFailure failure) {
    if (failure.getCause() instanceof ApplicationFailure app) {
      return app.getOriginalMessage();
    }
    return failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage();
  }

  private static Instant now() {
    return RunContext.now();
  }
}
