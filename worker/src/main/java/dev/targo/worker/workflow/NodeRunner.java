package dev.targo.worker.workflow;

import dev.targo.api.temporal.Continuation;
import dev.targo.argo.PodNames;
import dev.targo.argo.RetryStrategies.Resolution;
import dev.targo.argo.Templating;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.flow.TemplateOutputs;
import dev.targo.argo.plan.Template;
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
import dev.targo.argo.status.NodeOutputs;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;

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
    if (carried != null) {
      restore(carried);
    } else {
      startedAt = RunContext.now();
      if (node.retried()) {
        ctx.tree()
            .started(node.nodeId(), node.nodeName(), NodeType.Retry, templateName(), startedAt);
      }
    }
    if (node.retried()) {
      ctx.tree().link(parents, node.nodeId());
      ctx.changed().run();
    }
    int attemptsBefore = history.attemptsSoFar();
    while (true) {
      if (ctx.shutdown().isRequested()) {
        // Argo starts nothing once the workflow is shutting down; checked before a possible
        // continue-as-new, which would not carry the request.
        return end(NodePhase.Failed, ctx.shutdown().message());
      }
      int n = history.attemptsSoFar();
      if (n > 0) {
        dropOldAttempts();
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
    Instant at = RunContext.now();
    ctx.tree()
        .startedPod(request.nodeId(), request.nodeName(), templateName(), request.podName(), at);
    ctx.tree().link(attemptParents(), request.nodeId());
    ctx.changed().run();
    AttemptOutcome outcome =
        plan.rejection() != null
            ? AttemptOutcome.ended(
                NodePhase.Error, plan.rejection(), request.podName(), at, RunContext.now())
            : pods.run(request, plan.strategy(), history, at);
    NodeStatus done = ctx.tree().finishedPod(request.nodeId(), outcome);
    ctx.changed().run();
    history = history.record(outcome, at);
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
        List.of(request.nodeId()));
  }

  /** One steps or DAG attempt: the body's node with every child below it. */
  private NodeResult flowAttempt(Plan.Flow plan) {
    NodeResult result = runBody(plan.name(), plan.vars(), attemptParents(), plan.excludedHosts());
    history =
        history.record(
            AttemptOutcome.ofNode(
                result.phase(), result.message(), result.startedAt(), result.finishedAt()),
            result.startedAt(),
            result.failedHosts());
    return result;
  }

  /**
   * A steps or DAG body run once as node {@code name}: its children run (as child workflows), then
   * its phase and outputs are set.
   */
  private NodeResult runBody(
      String name, SortedMap<String, String> vars, List<String> under, List<String> excluded) {
    String id = PodNames.nodeId(ctx.workflowName(), name);
    Template t = Templating.substitute(node.template(), vars);
    boolean dag = t.body() instanceof TemplateBody.DagBody;
    NodeStatus started =
        ctx.tree()
            .started(id, name, dag ? NodeType.DAG : NodeType.Steps, t.name(), RunContext.now());
    ctx.tree().link(under, id);
    ctx.changed().run();
    ChildrenOutcome outcome =
        switch (t.body()) {
          case TemplateBody.StepsBody steps ->
              new StepsExecution(ctx, started, steps, vars, excluded).run();
          case TemplateBody.DagBody d -> new DagExecution(ctx, started, d, vars, excluded).run();
          case TemplateBody.PodBody pod ->
              throw new IllegalStateException("not a steps or dag template: " + t.name());
        };
    NodeOutputs outputs = null;
    NodePhase phase = outcome.phase();
    String message = outcome.message();
    if (phase == NodePhase.Succeeded) {
      TemplateOutputs.Resolved resolved = TemplateOutputs.resolve(t, outcome.scope());
      outputs = resolved.outputs();
      if (resolved.error() != null) {
        phase = NodePhase.Error;
        message = resolved.error();
      }
    }
    Instant end = RunContext.now();
    ctx.tree().finish(id, phase, message, outputs, end);
    ctx.changed().run();
    return new NodeResult(
        id,
        name,
        phase,
        message,
        started.startedAt(),
        end,
        null,
        outputs,
        outcome.failedHosts(),
        outcome.outbound().isEmpty() ? List.of(id) : outcome.outbound());
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
            .setSummary(Summaries.backoff(wait, history.attemptsSoFar()))
            .build();
    Promise<Void> timer = Workflow.newTimer(wait, options);
    Workflow.await(
        () -> timer.isCompleted() || ctx.deadline().isCompleted() || ctx.shutdown().isRequested());
    ctx.tree().message(node.nodeId(), null);
    ctx.changed().run();
  }

  /** Drops the oldest attempts the status no longer keeps ({@link KeptAttempts}). */
  private void dropOldAttempts() {
    List<String> kept = ctx.tree().get(node.nodeId()).children();
    int drop = KeptAttempts.toDrop(kept.stream().map(a -> ctx.tree().subtree(a).size()).toList());
    for (String attempt : kept.subList(0, drop)) {
      ctx.tree().dropAttempt(node.nodeId(), attempt);
    }
  }

  /**
   * The loop's state between two attempts: the retry node and every node of its kept attempts (the
   * workflow's tree holds nothing else while they run: the node is the top of its workflow). The
   * caller adds the run's start and uid.
   */
  private Continuation continuation() {
    Set<String> below = new HashSet<>();
    for (String attempt : ctx.tree().get(node.nodeId()).children()) {
      below.addAll(ctx.tree().subtree(attempt));
    }
    List<NodeStatus> attemptNodes =
        ctx.tree().nodes().stream().filter(n -> below.contains(n.id())).toList();
    return new Continuation(
        null,
        null,
        history,
        ctx.tree().get(node.nodeId()),
        attemptNodes,
        ctx.tree().omittedAttempts(),
        ctx.tree().omittedSucceeded());
  }

  private void restore(Continuation carried) {
    ctx.tree().put(carried.retryNode());
    carried.attemptNodes().forEach(ctx.tree()::put);
    ctx.tree().omitted(node.nodeId(), carried.omittedPods(), carried.omittedSucceeded());
    startedAt = carried.retryNode().startedAt();
    history = carried.attempts();
  }

  /**
   * What a decision is taken with. Once the deadline timer has fired the time is strictly after the
   * deadline: Argo's test is "now is after the deadline", and the timer fires at the deadline
   * itself.
   */
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
        ctx.shutdown().strategy());
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
    };
  }

  private String templateName() {
    return node.template().name();
  }
}
