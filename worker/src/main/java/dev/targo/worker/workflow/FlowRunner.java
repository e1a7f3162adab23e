package dev.targo.worker.workflow;

import dev.targo.api.temporal.Continuation;
import dev.targo.argo.PodNames;
import dev.targo.argo.Templating;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.status.NodeOutputs;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.TemplateNodeState;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;

/**
 * Runs one invocation of any template under a node name, in workflow code: a container or script
 * template through {@link PodNodeRunner}, a steps or DAG template through {@link StepsRun} / {@link
 * DagRun}, wrapped in a Retry node ({@link RetriedFlowRun}) whose every attempt re-runs all
 * children when the template has a retry strategy (ARGO-SEMANTICS §8).
 */
final class FlowRunner {

  /**
   * Version marker of continue-as-new for a container or script entrypoint retried in a workflow
   * with an exit handler (older runs never continued).
   */
  static final String EXIT_HANDLER_POD_CHANGE = "entrypoint-pod-with-exit-handler-continue-as-new";

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
      return new RetriedFlowRun(this, nodeName, template, inputs, excluded)
          .run(parents, null, null);
    }
    return runFlow(nodeName, template, ctx.vars(inputs), parents, excluded);
  }

  /**
   * Runs the node its workflow is for (the entrypoint of a workflow with steps, DAGs or an exit
   * handler, or a node workflow's steps or DAG node) as {@link #run} does, except that a retried
   * node resumes from {@code carried} and may continue the workflow as new between two attempts.
   *
   * @param carried the state of its retry loop from the previous run, or null on the first run
   * @param next how the workflow continues as new
   */
  NodeResult runTop(
      String nodeName,
      Template template,
      SortedMap<String, String> inputs,
      List<String> excluded,
      Continuation carried,
      RetriedFlowRun.ContinueAsNew next) {
    if (template.body() instanceof TemplateBody.PodBody) {
      int attemptsBefore = carried == null ? 0 : carried.attemptsSoFar();
      return runPod(
          nodeName,
          template,
          inputs,
          List.of(),
          excluded,
          carried,
          runner -> {
            int thisRun = runner.history().attemptsSoFar() - attemptsBefore;
            boolean runIsLong =
                thisRun >= ArgoWorkflowImpl.ATTEMPTS_PER_RUN
                    || Workflow.getInfo().isContinueAsNewSuggested();
            if (runIsLong
                && Workflow.getVersion(EXIT_HANDLER_POD_CHANGE, Workflow.DEFAULT_VERSION, 1)
                    != Workflow.DEFAULT_VERSION) {
              runner.awaitDeletions();
              next.with(ArgoWorkflowImpl.continuation(runner, null, null));
            }
          });
    }
    if (template.retryStrategy() == null) {
      return runFlow(nodeName, template, ctx.vars(inputs), List.of(), excluded);
    }
    return new RetriedFlowRun(this, nodeName, template, inputs, excluded)
        .run(List.of(), carried, next);
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
}
