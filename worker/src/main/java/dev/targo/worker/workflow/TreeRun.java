package dev.targo.worker.workflow;

import dev.targo.api.Names;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.flow.Failures;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.plan.Template;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeTree;
import dev.targo.argo.status.WorkflowStatus;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A run whose entrypoint is a steps or DAG template, or that has an exit handler: the entrypoint
 * node with everything below it, then {@code spec.onExit} as node {@code wf.onExit} with {@code
 * workflow.status} and {@code workflow.failures}; the status is the node tree. A retried steps or
 * DAG entrypoint continues the workflow as new between its attempts once a run is long, and resumes
 * from the state it carried; the exit handler always runs to its end in the last run.
 */
final class TreeRun {
  private final WorkflowRun run;
  private final String uid;
  private final Instant startedAt;
  private final NodeTree tree;
  private final FlowContext ctx;
  private final Consumer<WorkflowStatus> publish;

  TreeRun(
      WorkflowRun run,
      String uid,
      Instant startedAt,
      Instant workflowDeadline,
      Promise<Void> deadline,
      WorkerSettings settings,
      Shutdown shutdown,
      Consumer<WorkflowStatus> publish) {
    this.run = run;
    this.uid = uid;
    this.startedAt = startedAt;
    this.publish = publish;
    this.tree = new NodeTree(run.name());
    this.ctx =
        new FlowContext(
            run.name(),
            WorkflowVariables.namespace(run),
            run.plan(),
            WorkflowVariables.globals(run, uid, startedAt),
            run.plan().serviceAccountName(),
            workflowDeadline,
            deadline,
            settings,
            shutdown,
            tree,
            () -> publish.accept(tree.status(NodePhase.Running, null, startedAt, null)));
  }

  WorkflowStatus run(Template entrypoint) {
    NodeResult root =
        new FlowRunner(ctx)
            .runTop(
                run.name(),
                entrypoint,
                WorkflowVariables.entrypointInputs(run, entrypoint),
                List.of(),
                run.continuation(),
                state ->
                    Workflow.continueAsNew(
                        new WorkflowRun(
                            run.name(),
                            run.namespace(),
                            run.plan(),
                            run.parameters(),
                            state.withRun(startedAt, uid))));
    NodePhase phase = workflowPhase(root.phase());
    String message = phase.failedOrError() ? root.message() : null;
    Template exit = run.plan().onExit() == null ? null : run.plan().template(run.plan().onExit());
    if (phase.failedOrError() && ctx.shutdown().isRequested()) {
      message = ctx.shutdown().message();
    }
    // Argo runs the exit handler after a Stop, not after a Terminate.
    boolean terminated = Names.STOP_STRATEGY_TERMINATE.equals(ctx.shutdown().strategy());
    if (exit != null && !terminated) {
      SortedMap<String, String> globals = new TreeMap<>(ctx.globals());
      globals.put("workflow.status", phase.name());
      globals.put("workflow.failures", Failures.json(run.name(), tree.nodes()));
      FlowContext exitCtx =
          new FlowContext(
              ctx.workflowName(),
              ctx.namespace(),
              ctx.plan(),
              globals,
              ctx.serviceAccountName(),
              ctx.workflowDeadline(),
              ctx.deadline(),
              ctx.settings(),
              new Shutdown(),
              tree,
              ctx.changed());
      NodeResult onExit =
          new FlowRunner(exitCtx)
              .run(
                  run.name() + ".onExit",
                  exit,
                  WorkflowVariables.entrypointInputs(run, exit),
                  List.of(),
                  List.of());
      if (phase == NodePhase.Succeeded && onExit.phase().failedOrError()) {
        phase = onExit.phase();
        message = onExit.message();
      }
    }
    WorkflowStatus status = tree.status(phase, message, startedAt, FlowContext.now());
    publish.accept(status);
    return status;
  }

  /**
   * Argo's workflow phase for the entrypoint node's phase: Skipped and Omitted count as success.
   */
  private static NodePhase workflowPhase(NodePhase node) {
    return switch (node) {
      case Skipped, Omitted -> NodePhase.Succeeded;
      default -> node;
    };
  }
}
