package dev.targo.worker.workflow;

import dev.targo.api.temporal.Continuation;
import dev.targo.argo.PodNames;
import dev.targo.argo.RetryStrategies;
import dev.targo.argo.RetryStrategies.Resolution;
import dev.targo.argo.RetryStrategy;
import dev.targo.argo.RetryVariables;
import dev.targo.argo.Templating;
import dev.targo.argo.flow.NodeNames;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.plan.Template;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.retry.RetryContext;
import dev.targo.argo.retry.RetryDecider;
import dev.targo.argo.retry.RetryDecision;
import dev.targo.argo.status.KeptAttempts;
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
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A retried steps or DAG template: a Retry node whose attempts {@code name(n)} each re-run every
 * child from scratch, decided by the same {@link RetryDecider} as pods. An attempt's phase is its
 * steps or DAG node's phase, so a failed steps attempt (always Failed) is never retried by {@code
 * OnError} (ARGO-SEMANTICS §8).
 *
 * <p>However long it retries, its status and its workflow's history stay bounded. Before each new
 * attempt, the oldest attempts are dropped with their subtrees as {@link KeptAttempts} says (their
 * pods still count in the progress); and the workflow the node is the top of continues as new,
 * carrying the loop's state, once its run is long.
 */
final class RetriedFlowRun {

  /**
   * A run continues as new between attempts once its history has this many events, or it ran {@link
   * ArgoWorkflowImpl#ATTEMPTS_PER_RUN} attempts, or the server suggests it. Constants, so that a
   * replay takes the decision the original run took.
   */
  static final int EVENTS_PER_RUN = 2_000;

  /** Version marker of continue-as-new between attempts (older runs never continued). */
  static final String CONTINUE_AS_NEW_CHANGE = "flow-retry-continue-as-new";

  /** Starts the next run of the workflow with {@code state}; does not return. */
  interface ContinueAsNew {
    void with(Continuation state);
  }

  private final FlowRunner flow;
  private final FlowContext ctx;
  private final String nodeName;
  private final String id;
  private final Template template;
  private final SortedMap<String, String> inputs;
  private final List<String> excluded;
  private Instant startedAt;
  private AttemptHistory history = AttemptHistory.NONE;
  private TreeSet<String> failedBelow = new TreeSet<>();

  RetriedFlowRun(
      FlowRunner flow,
      String nodeName,
      Template template,
      SortedMap<String, String> inputs,
      List<String> excluded) {
    this.flow = flow;
    this.ctx = flow.context();
    this.nodeName = nodeName;
    this.id = PodNames.nodeId(ctx.workflowName(), nodeName);
    this.template = template;
    this.inputs = inputs;
    this.excluded = excluded;
  }

  /**
   * Runs the node to its end.
   *
   * @param parents the nodes it hangs below
   * @param carried the loop's state from the previous run of the workflow, or null on its first
   * @param next how the workflow continues as new, or null when it must not (an exit handler)
   */
  NodeResult run(List<String> parents, Continuation carried, ContinueAsNew next) {
    if (carried != null) {
      restore(carried);
    } else {
      startedAt = FlowContext.now();
      ctx.tree().started(id, nodeName, NodeType.Retry, template.name(), startedAt);
    }
    ctx.tree().link(parents, id);
    ctx.changed().run();
    int attemptsBefore = history.attemptsSoFar();
    while (true) {
      int n = history.attemptsSoFar();
      if (n > 0) {
        dropOldAttempts();
        int thisRun = n - attemptsBefore;
        if (next != null && thisRun > 0 && runIsLong(thisRun) && !ctx.shutdown().isRequested()) {
          next.with(continuation());
        }
      }
      SortedMap<String, String> local = new TreeMap<>(inputs);
      local.putAll(RetryVariables.forAttempt(n, history.last(), null));
      SortedMap<String, String> vars = ctx.vars(local);
      Resolution resolution =
          RetryStrategies.resolve(Templating.substitute(template, vars).retryStrategy());
      RetryStrategy strategy =
          resolution instanceof Resolution.Resolved resolved ? resolved.strategy() : null;
      TreeSet<String> attemptExcluded = new TreeSet<>(excluded);
      if (strategy != null && strategy.nodeAntiAffinity()) {
        attemptExcluded.addAll(failedBelow);
      }
      NodeResult last =
          flow.runFlow(
              NodeNames.attempt(nodeName, n),
              template,
              vars,
              List.of(id),
              List.copyOf(attemptExcluded));
      failedBelow.addAll(last.failedHosts());
      AttemptOutcome outcome =
          new AttemptOutcome(
              last.phase(),
              last.message(),
              null,
              null,
              last.startedAt(),
              last.finishedAt(),
              false,
              null,
              null);
      history = history.record(outcome, last.startedAt());
      if (last.phase() == NodePhase.Succeeded) {
        return finish(NodePhase.Succeeded, null, last);
      }
      if (strategy == null) {
        String problem = ((Resolution.Invalid) resolution).errors().getFirst().message();
        return finish(NodePhase.Error, problem, last);
      }
      RetryDecision decision = RetryDecider.decide(strategy, context());
      if (decision instanceof RetryDecision.Retry retry) {
        waitOut(retry);
        if (ctx.deadline().isCompleted() || ctx.shutdown().isRequested()) {
          decision = RetryDecider.decide(strategy, context());
        }
      }
      if (decision instanceof RetryDecision.Finish finish) {
        return finish(finish.phase(), finish.message(), last);
      }
    }
  }

  /**
   * True when the run should continue as new before the next attempt. The version marker is only
   * asked for then, so runs recorded before this rule replay unchanged.
   */
  private static boolean runIsLong(int attemptsThisRun) {
    io.temporal.workflow.WorkflowInfo info = Workflow.getInfo();
    boolean isLong =
        attemptsThisRun >= ArgoWorkflowImpl.ATTEMPTS_PER_RUN
            || info.getHistoryLength() >= EVENTS_PER_RUN
            || info.isContinueAsNewSuggested();
    return isLong
        && Workflow.getVersion(CONTINUE_AS_NEW_CHANGE, Workflow.DEFAULT_VERSION, 1)
            != Workflow.DEFAULT_VERSION;
  }

  /** Drops the oldest attempts the status no longer keeps ({@link KeptAttempts}). */
  private void dropOldAttempts() {
    List<String> kept = ctx.tree().get(id).children();
    int drop = KeptAttempts.toDrop(kept.stream().map(a -> ctx.tree().subtree(a).size()).toList());
    for (String attempt : kept.subList(0, drop)) {
      ctx.tree().dropAttempt(id, attempt);
    }
  }

  private void restore(Continuation carried) {
    ctx.tree().put(carried.retryNode());
    carried.attemptNodes().forEach(ctx.tree()::put);
    ctx.tree().omitted(id, carried.omittedAttempts(), carried.omittedSucceeded());
    startedAt = carried.retryNode().startedAt();
    history =
        new AttemptHistory(
            carried.attemptsSoFar(),
            carried.firstAttemptStartedAt(),
            carried.lastOutcome(),
            List.of());
    failedBelow = new TreeSet<>(carried.excludedHosts());
  }

  /**
   * The loop's state between two attempts: the retry node and every node of its kept attempts (the
   * workflow's tree holds nothing else while they run: the node is the top of its workflow).
   */
  private Continuation continuation() {
    Set<String> below = new HashSet<>();
    for (String attempt : ctx.tree().get(id).children()) {
      below.addAll(ctx.tree().subtree(attempt));
    }
    List<NodeStatus> attemptNodes =
        ctx.tree().nodes().stream().filter(n -> below.contains(n.id())).toList();
    return new Continuation(
        startedAt,
        null,
        history.attemptsSoFar(),
        history.firstAttemptStartedAt(),
        history.last(),
        List.copyOf(failedBelow),
        ctx.tree().get(id),
        attemptNodes,
        ctx.tree().omittedAttempts(),
        ctx.tree().omittedSucceeded());
  }

  private NodeResult finish(NodePhase phase, String message, NodeResult last) {
    Instant end = FlowContext.now();
    ctx.tree().finish(id, phase, message, last.outputs(), end);
    ctx.changed().run();
    return new NodeResult(
        id,
        nodeName,
        phase,
        message,
        startedAt,
        end,
        null,
        last.outputs(),
        List.copyOf(failedBelow),
        last.outbound());
  }

  private RetryContext context() {
    Instant now = FlowContext.now();
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

  private void waitOut(RetryDecision.Retry retry) {
    Duration wait = Waits.remaining(retry.delay(), history.last().finishedAt(), FlowContext.now());
    if (wait.isZero()) {
      return;
    }
    NodeStatus node = ctx.tree().get(id);
    ctx.tree().finish(id, NodePhase.Running, retry.message(), null, null);
    ctx.changed().run();
    TimerOptions options =
        TimerOptions.newBuilder()
            .setSummary(Summaries.backoff(wait, history.attemptsSoFar()))
            .build();
    Promise<Void> timer = Workflow.newTimer(wait, options);
    Workflow.await(
        () -> timer.isCompleted() || ctx.deadline().isCompleted() || ctx.shutdown().isRequested());
    ctx.tree().finish(id, NodePhase.Running, null, node.outputs(), null);
    ctx.changed().run();
  }
}
