package dev.targo.worker.workflow;

import dev.targo.api.temporal.ArgoFailures;
import dev.targo.api.temporal.Daemoned;
import dev.targo.api.temporal.NodeRun;
import dev.targo.api.temporal.NodeRunResult;
import dev.targo.api.temporal.NodeUpdate;
import dev.targo.api.temporal.NodeWorkflow;
import dev.targo.argo.PodNames;
import dev.targo.argo.flow.ChildPlans;
import dev.targo.argo.flow.NodeNames;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.plan.ExitHook;
import dev.targo.argo.plan.LifecycleHook;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.status.NodeInputs;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.SignalExternalWorkflowException;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.function.Consumer;

/**
 * Runs a node below the root as a child workflow ({@link NodeWorkflow}, id {@code <wf>/<node
 * name>}), so that each step or task keeps its own bounded history however long it retries. While
 * it runs, the parent's tree holds a Running placeholder for it; once it has finished, its final
 * subtree replaces the placeholder. A shutdown of the parent is passed on to it. The child is
 * started with the part of the plan it can reach ({@link ChildPlans}), so a wide fan-out does not
 * copy the whole plan into the parent's history once per child.
 */
final class ChildNodes {

  private ChildNodes() {}

  static Promise<NodeResult> start(
      RunContext ctx,
      String nodeName,
      Template template,
      SortedMap<String, String> inputs,
      List<String> parents,
      List<String> excluded,
      ExitHook exitHook,
      List<LifecycleHook> hooks,
      String hookRef) {
    ctx.suspensions().awaitResumed(ctx);
    String id = PodNames.nodeId(ctx.workflowName(), nodeName);
    ctx.tree().started(id, nodeName, placeholderType(template), template.name(), RunContext.now());
    ctx.tree().inputs(id, NodeInputs.of(template.inputs(), inputs));
    ctx.tree().link(parents, id);
    ctx.changed().run();
    NodeRun run =
        new NodeRun(
            ctx.workflowName(),
            ctx.namespace(),
            ChildPlans.forTemplate(ctx.plan(), template.name(), hookTemplates(exitHook, hooks)),
            ctx.globals(),
            nodeName,
            template.name(),
            inputs,
            excluded,
            ctx.workflowDeadline(),
            null,
            exitHook,
            hookRef,
            ctx.retained().below(nodeName),
            hooks);
    NodeWorkflow child =
        Workflow.newChildWorkflowStub(
            NodeWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(NodeNames.workflowId(ctx.workflowName(), nodeName))
                .setStaticSummary(nodeName + " · template " + template.name())
                .build());
    return Async.function(() -> await(ctx, child, run, id, nodeName));
  }

  private static NodeResult await(
      RunContext ctx, NodeWorkflow child, NodeRun run, String id, String nodeName) {
    Promise<NodeRunResult> result = Async.function(child::run, run);
    String childId = NodeNames.workflowId(ctx.workflowName(), nodeName);
    int forwarded = ctx.suspensions().count();
    while (true) {
      int passed = forwarded;
      Workflow.await(
          () ->
              result.isCompleted()
                  || ctx.shutdown().isRequested()
                  || ctx.suspensions().count() > passed
                  || ctx.daemons().readyChild(nodeName) != null);
      if (result.isCompleted() || ctx.shutdown().isRequested()) {
        break;
      }
      Daemoned daemoned = ctx.daemons().readyChild(nodeName);
      if (daemoned != null) {
        return daemoned(ctx, result, childId, id, nodeName, daemoned);
      }
      // A resume or node update for suspend nodes that may be below this child.
      for (; forwarded < ctx.suspensions().count(); forwarded++) {
        update(childId, ctx.suspensions().get(forwarded));
      }
    }
    if (!result.isCompleted()) {
      stop(childId, ctx.shutdown().strategy());
    }
    return finished(ctx, result, id, nodeName);
  }

  /**
   * Waits for a child's end: its final subtree replaces its placeholder, and what it returns goes
   * to its parent.
   */
  static NodeResult finished(
      RunContext ctx, Promise<NodeRunResult> result, String id, String nodeName) {
    NodeRunResult r;
    try {
      r = result.get();
    } catch (ChildWorkflowFailure failure) {
      Optional<NodeRunResult> failed = ArgoFailures.nodeResult(failure);
      if (failed.isPresent()) {
        // The node Failed or Errored: its run failed, with its result.
        return adopt(ctx, failed.get());
      }
      // The child could not run at all (a bug, or it was terminated): an Error node, as Argo
      // reports a node it could not execute.
      Instant at = RunContext.now();
      String message =
          failure.getCause() != null ? failure.getCause().getMessage() : failure.getMessage();
      ctx.tree().finish(id, NodePhase.Error, message, null, at);
      ctx.changed().run();
      NodeStatus placeholder = ctx.tree().get(id);
      return new NodeResult(
          id,
          nodeName,
          NodePhase.Error,
          message,
          placeholder.startedAt(),
          at,
          null,
          null,
          List.of(),
          null);
    }
    return adopt(ctx, r);
  }

  /**
   * A daemon child that runs and is ready: done for its step group or dependants, Running with its
   * pod IP, and kept running until its boundary ends ({@link Daemons#stopBelow}).
   */
  private static NodeResult daemoned(
      RunContext ctx,
      Promise<NodeRunResult> result,
      String childId,
      String id,
      String nodeName,
      Daemoned daemoned) {
    ctx.daemons().running(nodeName, childId, result);
    NodeStatus node = ctx.tree().get(id).daemon(daemoned.podIP());
    ctx.tree().put(node);
    ctx.changed().run();
    return new NodeResult(
        id,
        nodeName,
        NodePhase.Running,
        null,
        node.startedAt(),
        null,
        daemoned.hostNodeName(),
        null,
        List.of(),
        null,
        daemoned.podIP());
  }

  /** The child's final subtree replaces its placeholder; what it returns goes to its parent. */
  static NodeResult adopt(RunContext ctx, NodeRunResult r) {
    for (NodeStatus n : r.nodes()) {
      ctx.tree().put(n);
    }
    ctx.tree().omitted(r.node().id(), r.omittedPods(), r.omittedSucceeded());
    ctx.tree().export(r.exported());
    ctx.tree().exportArtifacts(r.exportedArtifacts());
    ctx.changed().run();
    return r.node();
  }

  /**
   * Passes a shutdown on to a running child. The signal goes to the child's current run: a child
   * that continued as new (a long retry loop) no longer has the run it was started as, and a signal
   * to that run would fail the parent. A child that finished meanwhile has nothing left to stop;
   * its result is on its way.
   */
  private static void stop(String workflowId, String strategy) {
    signal(workflowId, child -> child.stop(strategy));
  }

  /** Passes a node update on to a running child, as {@link #stop} passes a shutdown. */
  private static void update(String workflowId, NodeUpdate update) {
    signal(workflowId, child -> child.updateNodes(update));
  }

  private static void signal(String workflowId, Consumer<NodeWorkflow> send) {
    try {
      send.accept(Workflow.newExternalWorkflowStub(NodeWorkflow.class, workflowId));
    } catch (SignalExternalWorkflowException e) {
      logGone(workflowId, e);
    } catch (ApplicationFailure e) {
      if (e.getType() == null || !e.getType().startsWith("SIGNAL_EXTERNAL_WORKFLOW_EXECUTION")) {
        throw e;
      }
      logGone(workflowId, e);
    }
  }

  private static void logGone(String workflowId, Exception e) {
    Workflow.getLogger(ChildNodes.class)
        .info("Child workflow {} had already finished: {}", workflowId, e.getMessage());
  }

  /** The templates the node's hooks run, which its child's plan keeps. */
  private static List<String> hookTemplates(ExitHook exitHook, List<LifecycleHook> hooks) {
    List<String> templates = new java.util.ArrayList<>();
    if (exitHook != null) {
      templates.add(exitHook.template());
    }
    hooks.forEach(h -> templates.add(h.template()));
    return templates;
  }

  /** The node type the child's root will have, shown while it runs. */
  private static NodeType placeholderType(Template template) {
    if (template.retryStrategy() != null) {
      return NodeType.Retry;
    }
    return switch (template.body()) {
      case TemplateBody.PodBody p -> NodeType.Pod;
      case TemplateBody.StepsBody s -> NodeType.Steps;
      case TemplateBody.DagBody d -> NodeType.DAG;
      case TemplateBody.SuspendBody s -> NodeType.Suspend;
      case TemplateBody.HttpBody h -> NodeType.HTTP;
      case TemplateBody.ResourceBody r -> NodeType.Pod;
    };
  }
}
