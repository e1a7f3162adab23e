package dev.targo.worker.workflow;

import dev.targo.api.plan.Template;
import dev.targo.api.status.NodePhase;
import dev.targo.api.status.WorkflowStatus;
import dev.targo.api.temporal.NodeRun;
import dev.targo.api.temporal.NodeRunResult;
import dev.targo.api.temporal.NodeWorkflow;
import dev.targo.worker.flow.NodeResult;
import dev.targo.worker.status.NodeTree;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node below the root, run as a child workflow: the same {@link FlowRunner} as the root uses,
 * on a tree of its own that it returns to its parent when it has finished.
 */
public final class NodeWorkflowImpl implements NodeWorkflow {
  private final WorkerSettings settings;
  private final Shutdown shutdown = new Shutdown();
  private NodeTree tree;
  private WorkflowStatus status =
      new WorkflowStatus(NodePhase.Pending, null, null, null, "0/0", Map.of());

  public NodeWorkflowImpl(WorkerSettings settings) {
    this.settings = settings;
  }

  @Override
  public NodeRunResult run(NodeRun run) {
    tree = new NodeTree(run.workflowName());
    java.time.Instant startedAt = FlowContext.now();
    FlowContext ctx =
        new FlowContext(
            run.workflowName(),
            run.namespace(),
            run.plan(),
            new TreeMap<>(run.globals()),
            run.plan().serviceAccountName(),
            run.workflowDeadline(),
            ArgoWorkflowImpl.deadlineTimer(run.workflowDeadline()),
            settings,
            shutdown,
            tree,
            () -> status = tree.status(NodePhase.Running, null, startedAt, null));
    Template template = run.plan().template(run.templateName());
    NodeResult r =
        new FlowRunner(ctx)
            .run(
                run.nodeName(),
                template,
                new TreeMap<>(run.inputs()),
                List.of(),
                run.excludedHosts());
    status = tree.status(r.phase(), r.message(), startedAt, r.finishedAt());
    return new NodeRunResult(
        r.id(),
        r.name(),
        r.phase(),
        r.message(),
        r.startedAt(),
        r.finishedAt(),
        r.hostNodeName(),
        r.outputs(),
        r.failedHosts(),
        r.outbound(),
        tree.nodes(),
        tree.omittedAttempts());
  }

  @Override
  public WorkflowStatus status() {
    return status;
  }

  @Override
  public void stop(String strategy) {
    shutdown.request(strategy);
  }
}
