package dev.targo.worker.workflow;

import dev.targo.api.temporal.ArgoFailures;
import dev.targo.api.temporal.Continuation;
import dev.targo.api.temporal.NodeRun;
import dev.targo.api.temporal.NodeRunResult;
import dev.targo.api.temporal.NodeWorkflow;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeTree;
import dev.targo.argo.status.WorkflowStatus;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node below the root, run as a child workflow: the same {@link NodeRunner} as the root uses,
 * on a tree of its own that it returns to its parent when it has finished. A retried node continues
 * its workflow as new between two attempts once a run is long, as the root does, so its history
 * stays bounded however long it retries.
 */
public final class NodeWorkflowImpl implements NodeWorkflow {
  private final WorkerSettings settings;
  private final Shutdown shutdown = new Shutdown();
  private WorkflowStatus status =
      new WorkflowStatus(NodePhase.Pending, null, null, null, "0/0", Map.of());

  public NodeWorkflowImpl(WorkerSettings settings) {
    this.settings = settings;
  }

  @Override
  public NodeRunResult run(NodeRun run) {
    NodeTree tree = new NodeTree(run.workflowName());
    Continuation carried = run.continuation();
    Instant startedAt = carried != null ? carried.startedAt() : RunContext.now();
    RunContext ctx =
        new RunContext(
            run.workflowName(),
            run.namespace(),
            run.plan(),
            new TreeMap<>(run.globals()),
            run.workflowDeadline(),
            ArgoWorkflowImpl.deadlineTimer(run.workflowDeadline()),
            settings,
            shutdown,
            tree,
            () -> status = tree.status(NodePhase.Running, null, startedAt, null));
    NodeResult r =
        new NodeRunner(
                ctx,
                ctx.node(
                    run.nodeName(),
                    run.plan().template(run.templateName()),
                    new TreeMap<>(run.inputs()),
                    run.excludedHosts()),
                List.of())
            .run(
                carried,
                state -> Workflow.continueAsNew(run.continued(state.withRun(startedAt, null))));
    status = tree.status(r.phase(), r.message(), startedAt, r.finishedAt());
    NodeRunResult result =
        new NodeRunResult(r, tree.nodes(), tree.omittedAttempts(), tree.omittedSucceeded());
    if (r.phase().failedOrError()) {
      // The child's run ends failed too; its parent reads the result from the failure.
      throw ArgoFailures.node(result);
    }
    return result;
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
