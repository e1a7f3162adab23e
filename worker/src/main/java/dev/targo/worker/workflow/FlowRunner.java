package dev.targo.worker.workflow;

import dev.targo.api.argo.PodNames;
import dev.targo.api.argo.RetryStrategies;
import dev.targo.api.argo.RetryStrategies.Resolution;
import dev.targo.api.argo.RetryStrategy;
import dev.targo.api.argo.RetryVariables;
import dev.targo.api.argo.Templating;
import dev.targo.api.plan.Template;
import dev.targo.api.plan.TemplateBody;
import dev.targo.api.status.NodeOutputs;
import dev.targo.api.status.NodePhase;
import dev.targo.api.status.NodeStatus;
import dev.targo.api.status.NodeType;
import dev.targo.api.temporal.AttemptOutcome;
import dev.targo.api.temporal.Continuation;
import dev.targo.worker.flow.NodeNames;
import dev.targo.worker.flow.NodeResult;
import dev.targo.worker.retry.RetryContext;
import dev.targo.worker.retry.RetryDecider;
import dev.targo.worker.retry.RetryDecision;
import dev.targo.worker.status.TemplateNodeState;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs one invocation of any template under a node name, in workflow code: a container or script
 * template through {@link PodNodeRunner}, a steps or DAG template through {@link StepsRun} / {@link
 * DagRun}, wrapped in a Retry node whose every attempt re-runs all children when the template has a
 * retry strategy (ARGO-SEMANTICS §8).
 */
final class FlowRunner {
  private final FlowContext ctx;

  FlowRunner(FlowContext ctx) {
    this.ctx = ctx;
  }

  FlowContext context() {
    return ctx;
  }

  /**
   * Runs {@code template} as node {@code nodeName}, hung below {@code parents}.
   *
   * @param inputs the template's {@code inputs.parameters.*} variables
   * @param excluded hosts a retried ancestor excludes, sorted
   */
  NodeResult run(
      String nodeName,
      Template template,
      SortedMap<String, String> inputs,
      List<String> parents,
      List<String> excluded) {
    if (template.body() instanceof TemplateBody.PodBody) {
      return runPod(nodeName, template, inputs, parents, excluded, null, r -> {});
    }
    if (template.retryStrategy() != null) {
      return runRetried(nodeName, template, inputs, parents, excluded);
    }
    return runFlow(nodeName, template, ctx.vars(inputs), parents, excluded);
  }

  /**
   * A container or script node. A child workflow running one passes the state its previous run
   * carried across continue-as-new, and a check between attempts that may continue it as new.
   *
   * @param carried the state of the retry loop so far, or null on the first run
   */
  NodeResult runPod(
      String nodeName,
      Template template,
      SortedMap<String, String> inputs,
      List<String> parents,
      List<String> excluded,
      Continuation carried,
      PodNodeRunner.BetweenAttempts between) {
    String id = PodNames.nodeId(ctx.workflowName(), nodeName);
    NodeSpec spec =
        new NodeSpec(
            ctx.workflowName(),
            ctx.namespace(),
            nodeName,
            id,
            template,
            ctx.vars(inputs),
            ctx.serviceAccountName(),
            ctx.workflowDeadline(),
            excluded);
    TemplateNodeState state =
        carried != null
            ? TemplateNodeState.restored(
                carried.retryNode(), carried.attemptNodes(), carried.omittedAttempts())
            : TemplateNodeState.started(
                id, nodeName, template.name(), spec.retried(), FlowContext.now());
    AttemptHistory history =
        carried != null
            ? new AttemptHistory(
                carried.attemptsSoFar(),
                carried.firstAttemptStartedAt(),
                carried.lastOutcome(),
                carried.excludedHosts())
            : AttemptHistory.NONE;
    PodNodeRunner runner =
        new PodNodeRunner(
            spec,
            ctx.settings(),
            ctx.deadline(),
            state,
            history,
            ctx.shutdown(),
            ctx.plan().podGc(),
            s -> {
              ctx.tree().putPod(s);
              ctx.tree().link(parents, s.id());
              ctx.changed().run();
            });
    ctx.tree().putPod(state);
    ctx.tree().link(parents, id);
    ctx.changed().run();
    TemplateNodeState end = runner.run(between);
    NodeStatus last = end.lastAttempt();
    return new NodeResult(
        id,
        nodeName,
        end.phase(),
        end.message(),
        end.startedAt(),
        end.finishedAt(),
        last == null ? null : last.hostNodeName(),
        end.outputs(),
        runner.history().failedHosts(),
        end.retried() && last != null ? List.of(last.id()) : List.of(id));
  }

  /**
   * A steps or DAG node that is not retried (or one attempt of a retried one): its children run,
   * then its phase and outputs are set.
   */
  NodeResult runFlow(
      String nodeName,
      Template template,
      SortedMap<String, String> vars,
      List<String> parents,
      List<String> excluded) {
    String id = PodNames.nodeId(ctx.workflowName(), nodeName);
    Template t = Templating.substitute(template, vars);
    boolean dag = t.body() instanceof TemplateBody.DagBody;
    NodeStatus node =
        ctx.tree()
            .started(
                id, nodeName, dag ? NodeType.DAG : NodeType.Steps, t.name(), FlowContext.now());
    ctx.tree().link(parents, id);
    ctx.changed().run();
    FlowOutcome outcome =
        switch (t.body()) {
          case TemplateBody.StepsBody steps ->
              new StepsRun(this, node, steps, vars, excluded).run();
          case TemplateBody.DagBody d -> new DagRun(this, node, d, vars, excluded).run();
          default -> throw new IllegalStateException("not a steps or dag template: " + t.name());
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
    Instant end = FlowContext.now();
    ctx.tree().finish(id, phase, message, outputs, end);
    ctx.changed().run();
    return new NodeResult(
        id,
        nodeName,
        phase,
        message,
        node.startedAt(),
        end,
        null,
        outputs,
        outcome.failedHosts(),
        outcome.outbound().isEmpty() ? List.of(id) : outcome.outbound());
  }

  /**
   * A retried steps or DAG template: a Retry node whose attempts {@code name(n)} each re-run every
   * child from scratch, decided by the same {@link RetryDecider} as pods. An attempt's phase is its
   * steps or DAG node's phase, so a failed steps attempt (always Failed) is never retried by {@code
   * OnError}.
   */
  private NodeResult runRetried(
      String nodeName,
      Template template,
      SortedMap<String, String> inputs,
      List<String> parents,
      List<String> excluded) {
    String id = PodNames.nodeId(ctx.workflowName(), nodeName);
    Instant startedAt = FlowContext.now();
    ctx.tree().started(id, nodeName, NodeType.Retry, template.name(), startedAt);
    ctx.tree().link(parents, id);
    ctx.changed().run();
    AttemptHistory history = AttemptHistory.NONE;
    TreeSet<String> failedBelow = new TreeSet<>();
    NodeResult last;
    while (true) {
      int n = history.attemptsSoFar();
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
      last =
          runFlow(
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
        return finishRetry(id, nodeName, startedAt, NodePhase.Succeeded, null, last, failedBelow);
      }
      if (strategy == null) {
        String problem = ((Resolution.Invalid) resolution).errors().getFirst().message();
        return finishRetry(id, nodeName, startedAt, NodePhase.Error, problem, last, failedBelow);
      }
      RetryDecision decision = RetryDecider.decide(strategy, context(history));
      if (decision instanceof RetryDecision.Retry retry) {
        waitOut(id, retry, history);
        if (ctx.deadline().isCompleted() || ctx.shutdown().isRequested()) {
          decision = RetryDecider.decide(strategy, context(history));
        }
      }
      if (decision instanceof RetryDecision.Finish finish) {
        return finishRetry(
            id, nodeName, startedAt, finish.phase(), finish.message(), last, failedBelow);
      }
    }
  }

  private NodeResult finishRetry(
      String id,
      String nodeName,
      Instant startedAt,
      NodePhase phase,
      String message,
      NodeResult last,
      TreeSet<String> failedBelow) {
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

  private RetryContext context(AttemptHistory history) {
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

  private void waitOut(String id, RetryDecision.Retry retry, AttemptHistory history) {
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
