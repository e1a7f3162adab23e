package dev.targo.worker.workflow;

import dev.targo.api.temporal.Continuation;
import dev.targo.api.temporal.NodeRun;
import dev.targo.api.temporal.NodeRunResult;
import dev.targo.api.temporal.NodeWorkflow;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeTree;
import dev.targo.argo.status.WorkflowStatus;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One node below the root, run as a child workflow: the same {@link FlowRunner} as the root uses,
 * on a tree of its own that it returns to its parent when it has finished. A container or script
 * node retried for ever continues as new every {@link ArgoWorkflowImpl#ATTEMPTS_PER_RUN} attempts,
 * as the root does, and a retried steps or DAG node between two of its attempts once its run is
 * long ({@link RetriedFlowRun}), so its history stays bounded too.
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
    Continuation carried = run.continuation();
    Instant startedAt = carried != null ? carried.startedAt() : FlowContext.now();
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
    FlowRunner flow = new FlowRunner(ctx);
    TreeMap<String, String> inputs = new TreeMap<>(run.inputs());
    NodeResult r;
    if (template.body() instanceof TemplateBody.PodBody) {
      int attemptsBefore = carried == null ? 0 : carried.attemptsSoFar();
      r =
          flow.runPod(
              run.nodeName(),
              template,
              inputs,
              List.of(),
              run.excludedHosts(),
              carried,
              runner -> {
                boolean runIsLong =
                    runner.history().attemptsSoFar() - attemptsBefore
                        >= ArgoWorkflowImpl.ATTEMPTS_PER_RUN;
                if (runIsLong || Workflow.getInfo().isContinueAsNewSuggested()) {
                  runner.awaitDeletions();
                  Workflow.continueAsNew(
                      run.continued(ArgoWorkflowImpl.continuation(runner, startedAt, null)));
                }
              });
    } else {
      r =
          flow.runTop(
              run.nodeName(),
              template,
              inputs,
              run.excludedHosts(),
              carried,
              state -> Workflow.continueAsNew(run.continued(state.withRun(startedAt, null))));
    }
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
        tree.omittedAttempts(),
        tree.omittedSucceeded());
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
