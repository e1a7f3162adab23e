package dev.targo.worker.workflow;

import dev.targo.api.temporal.Continuation;
import dev.targo.api.temporal.HttpActivities;
import dev.targo.argo.PodNames;
import dev.targo.argo.RetryStrategies.Resolution;
import dev.targo.argo.flow.DisplayNames;
import dev.targo.argo.flow.HttpResponses;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.memo.Memoization;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.retry.AttemptHistory;
import dev.targo.argo.retry.AttemptPlanner;
import dev.targo.argo.retry.AttemptPlanner.Plan;
import dev.targo.argo.retry.NodeSpec;
import dev.targo.argo.retry.RetryContext;
import dev.targo.argo.retry.RetryDecider;
import dev.targo.argo.retry.RetryDecision;
import dev.targo.argo.retry.Waits;
import dev.targo.argo.status.KeptAttempts;
import dev.targo.argo.status.MemoizationStatus;
import dev.targo.argo.status.NodeInputs;
import dev.targo.argo.status.NodeOutputs;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Runs one Argo node of any kind — container, script, steps or DAG; retried or not; the entrypoint,
 * a step, a task or the exit handler — through the one retry loop of targo (docs/DESIGN.md §5): ask
 * the pure {@link AttemptPlanner} what the next attempt is, run it (a pod through {@link
 * PodAttempts}, or a steps/DAG body whose children run as child workflows), let the pure {@link
 * RetryDecider} decide, wait out the backoff on a durable timer, and start again.
 *
 * <p>A node without a retry strategy is its single attempt. A retried node is a Retry node whose
 * attempts {@code name(n)} are its children; only the most recent ones keep their subtree ({@link
 * KeptAttempts}). When the node is the top of its workflow, the workflow continues as new between
 * two attempts once its run is long ({@link ContinueAsNewPolicy}), carrying the loop's state.
 */
final class NodeRunner {

  /** Starts the next run of the workflow with {@code state}; does not return. */
  interface ContinueAsNew {
    void with(Continuation state);
  }

  private final RunContext ctx;
  private final NodeSpec node;
  private final List<String> parents;
  private final PodAttempts pods;
  private AttemptHistory history = AttemptHistory.NONE;
  private Instant startedAt;
  private NodeResult last;

  /** How the node used its cache ({@code memoize}: it missed, and runs), or null. */
  private MemoizationStatus memoization;

  /**
   * @param parents the nodes it hangs below in the status
   */
  NodeRunner(RunContext ctx, NodeSpec node, List<String> parents) {
    this.ctx = ctx;
    this.node = node;
    this.parents = parents;
    this.pods = new PodAttempts(ctx);
  }

  /** Runs the node to its end, in a workflow it is not the top of (it never continues as new). */
  NodeResult run() {
    return run(null, null);
  }

  /**
   * Runs the node its workflow is for to its end.
   *
   * @param carried the loop's state from the previous run of the workflow, or null on its first
   * @param next how the workflow continues as new, or null when it must not (an exit handler)
   */
  NodeResult run(Continuation carried, ContinueAsNew next) {
    NodeResult result = runNode(carried, next);
    // Argo's addOutputsToGlobalScope: the outputs a node ends with, whatever its phase.
    boolean parameters = ctx.tree().export(node.template().outputs(), result.outputs());
    boolean artifacts =
        ctx.tree().exportArtifacts(node.template().outputArtifacts(), result.outputs());
    if (parameters || artifacts) {
      ctx.changed().run();
    }
    return result;
  }

  private NodeResult runNode(Continuation carried, ContinueAsNew next) {
    if (carried == null) {
      var kept = ctx.retained().adopt(ctx, node.nodeId(), parents);
      if (kept.isPresent()) {
        // The top of a retried workflow that ended as it should (only its selected nodes rerun).
        return kept.get();
      }
      // Argo reads the template's display-name annotation before its cache, once it is processed.
      switch (DisplayNames.of(node, RunContext.now())) {
        case DisplayNames.Outcome.Default unnamed -> {}
        case DisplayNames.Outcome.Named named ->
            ctx.tree().displayName(node.nodeId(), named.name());
        case DisplayNames.Outcome.Invalid invalid -> {
          return unrun(invalid.message());
        }
      }
    }
    if (carried == null && node.template().memoize() != null) {
      // Argo looks the key up once the node's locks are held, before a Retry node exists.
      ctx.suspensions().awaitResumed(ctx);
      if (!ctx.shutdown().isRequested()) {
        switch (NodeCache.lookup(ctx, node)) {
          case NodeCache.Start.Failed failed -> {
            return unrun(failed.message());
          }
          case NodeCache.Start.Hit hit -> {
            return cacheHit(hit);
          }
          case NodeCache.Start.Miss miss -> {
            memoization = miss.status();
            ctx.tree().memoization(node.nodeId(), memoization);
          }
        }
      }
    }
    NodeResult result = attempts(carried, next);
    if (memoization != null
        && result.phase() == NodePhase.Succeeded
        && Memoization.saves(node.template().body())) {
      result = saved(result);
    }
    return result;
  }

  /**
   * A memoized node that succeeded: its outputs saved under its key, as the node that produced them
   * (the last attempt of a retried node). A pod node whose outputs cannot be saved ends Error, as
   * in Argo; a steps or DAG node keeps its phase (Argo logs the failure).
   */
  private NodeResult saved(NodeResult result) {
    String producer = last != null ? last.id() : node.nodeId();
    String problem = NodeCache.save(ctx, memoization, producer, result.outputs());
    if (problem == null || !(node.template().body() instanceof TemplateBody.PodBody)) {
      if (problem != null) {
        Workflow.getLogger(NodeRunner.class)
            .warn("Could not save the outputs of {} to its cache: {}", node.nodeName(), problem);
      }
      return result;
    }
    ctx.tree().finish(result.id(), NodePhase.Error, problem, result.outputs(), result.finishedAt());
    ctx.changed().run();
    return new NodeResult(
        result.id(),
        result.name(),
        NodePhase.Error,
        problem,
        result.startedAt(),
        result.finishedAt(),
        result.hostNodeName(),
        result.outputs(),
        result.failedHosts(),
        result.outbound());
  }

  /**
   * A memoized node whose key has an entry: Succeeded at once with the entry's outputs, of the type
   * its template gives (Argo's {@code initializeCacheHitNode}); no pod, no attempt.
   */
  private NodeResult cacheHit(NodeCache.Start.Hit hit) {
    Instant at = RunContext.now();
    ctx.tree().started(node.nodeId(), node.nodeName(), unstartedType(), templateName(), at);
    ctx.tree().inputs(node.nodeId(), inputs());
    ctx.tree().memoization(node.nodeId(), hit.status());
    ctx.tree().link(parents, node.nodeId());
    ctx.tree().finish(node.nodeId(), NodePhase.Succeeded, null, hit.outputs(), at);
    ctx.changed().run();
    return new NodeResult(
        node.nodeId(),
        node.nodeName(),
        NodePhase.Succeeded,
        null,
        at,
        at,
        null,
        hit.outputs(),
        List.of(),
        List.of(node.nodeId()));
  }

  /**
   * A node that ends Error before it runs (its display name is invalid, its key cannot be resolved
   * or looked up): created ended, of type Skipped, as Argo's {@code initializeNodeOrMarkError}
   * creates it.
   */
  private NodeResult unrun(String message) {
    Instant at = RunContext.now();
    ctx.tree().ended(node.nodeId(), node.nodeName(), templateName(), NodePhase.Error, message, at);
    ctx.tree().link(parents, node.nodeId());
    ctx.changed().run();
    return new NodeResult(
        node.nodeId(),
        node.nodeName(),
        NodePhase.Error,
        message,
        at,
        at,
        null,
        null,
        List.of(),
        List.of(node.nodeId()));
  }

  /** The retry loop: every attempt of the node, until it has ended. */
  private NodeResult attempts(Continuation carried, ContinueAsNew next) {
    if (carried != null) {
      restore(carried);
    } else {
      startedAt = RunContext.now();
      if (node.retried()) {
        ctx.tree()
            .started(node.nodeId(), node.nodeName(), NodeType.Retry, templateName(), startedAt);
        ctx.tree().inputs(node.nodeId(), inputs());
      }
    }
    if (node.retried()) {
      ctx.tree().link(parents, node.nodeId());
      ctx.changed().run();
    }
    int attemptsBefore = history.attemptsSoFar();
    while (true) {
      ctx.suspensions().awaitResumed(ctx);
      if (ctx.shutdown().isRequested()) {
        // Argo starts nothing once the workflow is shutting down; checked before a possible
        // continue-as-new, which would not carry the request.
        return end(NodePhase.Failed, ctx.shutdown().message());
      }
      int n = history.attemptsSoFar();
      if (n > 0) {
        ctx.tree().dropOldAttempts(node.nodeId());
        if (next != null
            && n > attemptsBefore
            && ContinueAsNewPolicy.runIsLong(n - attemptsBefore)) {
          pods.awaitDeletions();
          next.with(continuation());
        }
      }
      Plan plan = AttemptPlanner.plan(node, history, RunContext.now());
      last =
          switch (plan) {
            case Plan.Invalid invalid -> null;
            case Plan.Pod pod -> podAttempt(pod);
            case Plan.Flow flow -> flowAttempt(flow);
            case Plan.Suspend suspend -> suspendAttempt(suspend);
            case Plan.Http http -> httpAttempt(http);
          };
      if (last == null) {
        return end(NodePhase.Error, ((Plan.Invalid) plan).message());
      }
      if (!node.retried()) {
        pods.awaitDeletions();
        return last;
      }
      if (last.phase() == NodePhase.Succeeded) {
        return end(NodePhase.Succeeded, null);
      }
      if (!(plan.strategy() instanceof Resolution.Resolved resolved)) {
        // Argo reads the strategy only once an attempt has failed, and ends the node in Error.
        Resolution.Invalid invalid = (Resolution.Invalid) plan.strategy();
        return end(NodePhase.Error, invalid.errors().getFirst().message());
      }
      RetryDecision decision = RetryDecider.decide(resolved.strategy(), context());
      if (decision instanceof RetryDecision.Retry retry) {
        waitOut(retry);
        if (ctx.deadline().isCompleted() || ctx.shutdown().isRequested()) {
          decision = RetryDecider.decide(resolved.strategy(), context());
        }
      }
      if (decision instanceof RetryDecision.Finish finish) {
        return end(finish.phase(), finish.message());
      }
    }
  }

  /** One pod attempt: its Pod node, the pod run, and the node once its outcome is known. */
  private NodeResult podAttempt(Plan.Pod plan) {
    PodRequest request = plan.request();
    memoized(request.nodeId());
    pods.takeSlot(request);
    Instant at = RunContext.now();
    ctx.tree()
        .startedPod(request.nodeId(), request.nodeName(), templateName(), request.podName(), at);
    ctx.tree().cluster(request.nodeId(), request.cluster());
    ctx.tree().inputs(request.nodeId(), inputs());
    ctx.tree().link(attemptParents(), request.nodeId());
    // A container set's containers are nodes of their own once its pod is to be created (Argo
    // makes them after creating the pod, so an attempt refused before has none).
    TemplateBody.ContainerSetBody set =
        plan.rejection() == null
                && request.template().body() instanceof TemplateBody.ContainerSetBody s
            ? s
            : null;
    if (set != null) {
      ctx.tree()
          .startedContainers(
              request.nodeId(), request.nodeName(), templateName(), set.containers(), at);
    }
    ctx.changed().run();
    AttemptOutcome outcome =
        plan.rejection() != null
            ? AttemptOutcome.ended(
                NodePhase.Error, plan.rejection(), request.podName(), at, RunContext.now())
            : pods.run(request, plan.strategy(), history, at, plan.memoryNote());
    pods.releaseSlot(request);
    outcome = argoTimes(outcome);
    NodeStatus done = ctx.tree().finishedPod(request.nodeId(), outcome);
    List<String> outbound = List.of(request.nodeId());
    if (set != null) {
      outbound = ContainerNodes.finish(ctx.tree(), ctx.workflowName(), request, set, outcome);
    }
    ctx.changed().run();
    history =
        history.record(
            outcome,
            at,
            AttemptHistory.excludedHost(
                outcome,
                plan.strategy() instanceof Resolution.Resolved r ? r.strategy() : null,
                history.attemptsSoFar()));
    return new NodeResult(
        request.nodeId(),
        request.nodeName(),
        outcome.phase(),
        outcome.message(),
        at,
        outcome.finishedAt(),
        outcome.hostNodeName(),
        done.outputs(),
        AttemptHistory.failedHost(outcome),
        outbound);
  }

  /** One steps or DAG attempt: the body's node with every child below it. */
  private NodeResult flowAttempt(Plan.Flow plan) {
    memoized(PodNames.nodeId(ctx.workflowName(), plan.name()));
    NodeResult result =
        FlowExecution.run(
            ctx, node.template(), plan.name(), plan.vars(), attemptParents(), plan.excludedHosts());
    history =
        history.record(
            argoTimes(
                AttemptOutcome.ofNode(
                    result.phase(), result.message(), result.startedAt(), result.finishedAt())),
            result.startedAt(),
            result.failedHosts());
    return result;
  }

  /** One suspend attempt: its Suspend node, Running until resumed or its duration has passed. */
  private NodeResult suspendAttempt(Plan.Suspend plan) {
    String id = PodNames.nodeId(ctx.workflowName(), plan.name());
    memoized(id);
    Instant at = RunContext.now();
    ctx.tree().started(id, plan.name(), NodeType.Suspend, templateName(), at);
    ctx.tree().inputs(id, inputs());
    ctx.tree().link(attemptParents(), id);
    SuspendedNode.End end = SuspendedNode.await(ctx, id, plan);
    AttemptOutcome outcome =
        argoTimes(AttemptOutcome.ofNode(end.phase(), end.message(), at, RunContext.now()));
    ctx.tree().finish(id, outcome.phase(), outcome.message(), end.outputs(), outcome.finishedAt());
    ctx.changed().run();
    history = history.record(outcome, at, List.of());
    return new NodeResult(
        id,
        plan.name(),
        outcome.phase(),
        outcome.message(),
        at,
        outcome.finishedAt(),
        null,
        end.outputs(),
        List.of(),
        List.of(id));
  }

  /**
   * One http attempt: its HTTP node, the request sent by the worker, the node ended as Argo's agent
   * judges the response ({@link HttpResponses}), its body as {@code outputs.result}. A request that
   * got no response ends the node in Error with its message.
   */
  private NodeResult httpAttempt(Plan.Http plan) {
    String id = PodNames.nodeId(ctx.workflowName(), plan.name());
    Instant at = RunContext.now();
    ctx.tree().started(id, plan.name(), NodeType.HTTP, templateName(), at);
    ctx.tree().inputs(id, inputs());
    ctx.tree().link(attemptParents(), id);
    ctx.changed().run();
    HttpActivities http =
        Workflow.newActivityStub(
            HttpActivities.class,
            ctx.settings()
                .httpOptions(
                    plan.http().effectiveMethod() + " " + plan.http().url(),
                    plan.http().timeoutSeconds()));
    NodePhase phase;
    String message;
    NodeOutputs outputs = null;
    try {
      HttpActivities.Answer answer = http.send(plan.http());
      HttpResponses.Judgment judged =
          HttpResponses.judge(plan.http(), answer.statusCode(), answer.body(), answer.headers());
      phase = judged.phase();
      message = judged.message();
      outputs = new NodeOutputs(null, answer.body(), List.of());
    } catch (ActivityFailure failure) {
      phase = NodePhase.Error;
      message =
          failure.getCause() instanceof ApplicationFailure app
              ? app.getOriginalMessage()
              : failure.getMessage();
    }
    AttemptOutcome outcome = argoTimes(AttemptOutcome.ofNode(phase, message, at, RunContext.now()));
    ctx.tree().finish(id, outcome.phase(), outcome.message(), outputs, outcome.finishedAt());
    ctx.changed().run();
    history = history.record(outcome, at, List.of());
    return new NodeResult(
        id,
        plan.name(),
        outcome.phase(),
        outcome.message(),
        at,
        outcome.finishedAt(),
        null,
        outputs,
        List.of(),
        List.of(id));
  }

  /**
   * The attempt's times as Argo keeps them: whole seconds (a run recorded before keeps its own).
   */
  private static AttemptOutcome argoTimes(AttemptOutcome outcome) {
    return ChangeIds.isOn(ChangeIds.WHOLE_SECOND_ATTEMPTS) ? outcome.inWholeSeconds() : outcome;
  }

  /**
   * Ends the node with {@code phase} and {@code message}: a Retry node takes its last attempt's
   * outputs whatever its phase (Argo); a node without retries that ends before its attempt ran (a
   * shutdown, an invalid template) is created ended.
   */
  private NodeResult end(NodePhase phase, String message) {
    Instant at = RunContext.now();
    NodeOutputs outputs = null;
    if (node.retried()) {
      List<String> attempts = ctx.tree().get(node.nodeId()).children();
      outputs = attempts.isEmpty() ? null : ctx.tree().get(attempts.getLast()).outputs();
    } else {
      ctx.tree().started(node.nodeId(), node.nodeName(), unstartedType(), templateName(), at);
      ctx.tree().inputs(node.nodeId(), inputs());
      ctx.tree().link(parents, node.nodeId());
    }
    ctx.tree().finish(node.nodeId(), phase, message, outputs, at);
    ctx.changed().run();
    pods.awaitDeletions();
    return new NodeResult(
        node.nodeId(),
        node.nodeName(),
        phase,
        message,
        node.retried() ? startedAt : at,
        at,
        last == null ? null : last.hostNodeName(),
        outputs,
        history.failedHosts(),
        last == null ? List.of(node.nodeId()) : last.outbound());
  }

  /** Waits out a backoff on a durable timer, or until the deadline or a shutdown if sooner. */
  private void waitOut(RetryDecision.Retry retry) {
    Duration wait = Waits.remaining(retry.delay(), history.last().finishedAt(), RunContext.now());
    if (wait.isZero()) {
      return;
    }
    ctx.tree().message(node.nodeId(), retry.message());
    ctx.changed().run();
    TimerOptions options =
        TimerOptions.newBuilder()
            .setSummary(
                Summaries.backoff(wait, retry.jitter(), history.attemptsSoFar(), history.last()))
            .build();
    Promise<Void> timer = Workflow.newTimer(wait, options);
    Workflow.await(
        () -> timer.isCompleted() || ctx.deadline().isCompleted() || ctx.shutdown().isRequested());
    ctx.tree().message(node.nodeId(), null);
    ctx.changed().run();
  }

  /**
   * The loop's state between two attempts: the retry node and every node of its kept attempts (the
   * workflow's tree holds nothing else while they run: the node is the top of its workflow). The
   * caller adds the run's start and uid.
   */
  private Continuation continuation() {
    NodeStatus retry = ctx.tree().get(node.nodeId());
    if (memoization != null) {
      // The next run saves the outputs too: the retry node carries how it used its cache.
      retry = retry.withContext(null, null, null, memoization);
    }
    return new Continuation(
        null,
        null,
        history,
        retry,
        ctx.tree().attemptNodes(node.nodeId()),
        ctx.tree().omittedAttempts(),
        ctx.tree().omittedSucceeded());
  }

  private void restore(Continuation carried) {
    ctx.tree().put(carried.retryNode());
    carried.attemptNodes().forEach(ctx.tree()::put);
    ctx.tree().omitted(node.nodeId(), carried.omittedPods(), carried.omittedSucceeded());
    startedAt = carried.retryNode().startedAt();
    history = carried.attempts();
    memoization = carried.retryNode().memoizationStatus();
    if (memoization != null) {
      ctx.tree().get(node.nodeId()).children().forEach(this::memoized);
    }
  }

  /**
   * Attempt {@code id} of a memoized template carries its node's {@code memoizationStatus}, as Argo
   * gives it to every node it creates from the template.
   */
  private void memoized(String id) {
    if (memoization != null) {
      ctx.tree().memoization(id, memoization);
    }
  }

  /**
   * What a decision is taken with. Once the deadline timer has fired the time is strictly after the
   * deadline: Argo's test is "now is after the deadline", and the timer fires at the deadline
   * itself.
   */
  /** Argo's node {@code inputs}: the template's input parameters with their values. */
  private NodeInputs inputs() {
    return NodeInputs.of(node.template().inputs(), node.vars());
  }

  private RetryContext context() {
    Instant now = RunContext.now();
    if (ctx.deadline().isCompleted() && !now.isAfter(ctx.workflowDeadline())) {
      now = ctx.workflowDeadline().plusMillis(1);
    }
    return new RetryContext(
        history.attemptsSoFar(),
        history.firstAttemptStartedAt(),
        history.last(),
        now,
        ctx.workflowDeadline(),
        ctx.shutdown().strategy(),
        // backoff.jitter's seed: the workflow and the node; the decider adds the attempt.
        ctx.workflowName() + "/" + node.nodeName());
  }

  /** An attempt hangs below the Retry node, or where the node hangs when it is its own attempt. */
  private List<String> attemptParents() {
    return node.retried() ? List.of(node.nodeId()) : parents;
  }

  /** The type of a node that ends without an attempt: what its attempt would have been. */
  private NodeType unstartedType() {
    return switch (node.template().body()) {
      case TemplateBody.PodBody p -> NodeType.Pod;
      case TemplateBody.StepsBody s -> NodeType.Steps;
      case TemplateBody.DagBody d -> NodeType.DAG;
      case TemplateBody.SuspendBody s -> NodeType.Suspend;
      case TemplateBody.HttpBody h -> NodeType.HTTP;
      case TemplateBody.ResourceBody r -> NodeType.Pod;
    };
  }

  private String templateName() {
    return node.template().name();
  }
}
