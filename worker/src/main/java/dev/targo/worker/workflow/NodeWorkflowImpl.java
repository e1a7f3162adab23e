package dev.targo.worker.workflow;

import dev.targo.api.temporal.ArgoFailures;
import dev.targo.api.temporal.Continuation;
import dev.targo.api.temporal.Daemoned;
import dev.targo.api.temporal.NodeRun;
import dev.targo.api.temporal.NodeRunResult;
import dev.targo.api.temporal.NodeUpdate;
import dev.targo.api.temporal.NodeWorkflow;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.plan.Template;
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
  private final Locks locks = new Locks();
  private final Suspensions suspensions = new Suspensions();
  private final Daemons daemons = new Daemons();
  private WorkflowStatus status =
      new WorkflowStatus(NodePhase.Pending, null, null, null, "0/0", Map.of());

  public NodeWorkflowImpl(WorkerSettings settings) {
    this.settings = settings;
  }

  @Override
  public NodeRunResult run(NodeRun run) {
    NodeTree tree = new NodeTree(run.workflowName());
    daemons.identify(run.nodeName(), Workflow.getInfo().getParentWorkflowId().orElse(null));
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
            () -> status = tree.status(NodePhase.Running, null, startedAt, null),
            locks,
            suspensions,
            RetainedNodes.of(run.retainedNodes()),
            daemons);
    Template template = run.plan().template(run.templateName());
    String holder = Workflow.getInfo().getWorkflowId();
    Locks.Held held = null;
    if (!template.synchronization().isEmpty()) {
      Locks.Held h =
          locks.acquire(
              template.synchronization(),
              run.namespace(),
              holder,
              holder,
              waiting -> {
                status =
                    new WorkflowStatus(
                        NodePhase.Pending, waiting, startedAt, null, "0/0", Map.of());
                Workflow.setCurrentDetails(waiting);
              },
              shutdown::isRequested);
      held = h;
      if (h.problem() != null || h.keys().size() < template.synchronization().size()) {
        String message = h.problem() != null ? h.problem() : shutdown.message();
        NodePhase phase = h.problem() != null ? NodePhase.Error : NodePhase.Failed;
        locks.release(held);
        return ended(run, tree, startedAt, phase, message);
      }
    }
    NodeHooks hooks = new NodeHooks(ctx, run);
    hooks.startWhileRunning();
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
                // A node with lifecycle hooks keeps one run: its hooks run beside it, in this run.
                // So does a daemon: its parent's stop goes to the run it was told of.
                hooks.any() || template.daemonTemplate()
                    ? null
                    : state ->
                        Workflow.continueAsNew(run.continued(state.withRun(startedAt, null))));
    if (held != null) {
      locks.release(held);
    }
    daemons.stopAll(ctx);
    hooks.finish(r);
    ExitHooks.runAfter(ctx, run, r);
    status = tree.status(r.phase(), r.message(), startedAt, r.finishedAt());
    NodeRunResult result =
        new NodeRunResult(
            r,
            tree.nodes(),
            tree.omittedAttempts(),
            tree.omittedSucceeded(),
            tree.exported(),
            tree.exportedArtifacts());
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
  public void lockGranted(String key) {
    locks.granted(key);
  }

  /**
   * A node that ends before it runs (a lock it could not take): created ended, and returned (a
   * failed one through the child's failure, as {@link #run} returns failed nodes).
   */
  private NodeRunResult ended(
      NodeRun run, NodeTree tree, Instant at, NodePhase phase, String message) {
    String id = dev.targo.argo.PodNames.nodeId(run.workflowName(), run.nodeName());
    Instant now = RunContext.now();
    tree.ended(id, run.nodeName(), run.templateName(), phase, message, now);
    NodeResult r =
        new NodeResult(
            id, run.nodeName(), phase, message, now, now, null, null, List.of(), List.of(id));
    status = tree.status(phase, message, at, now);
    NodeRunResult result =
        new NodeRunResult(r, tree.nodes(), tree.omittedAttempts(), tree.omittedSucceeded());
    throw ArgoFailures.node(result);
  }

  @Override
  public void stop(String strategy) {
    shutdown.request(strategy);
  }

  @Override
  public void updateNodes(NodeUpdate update) {
    suspensions.add(update);
  }

  @Override
  public void daemoned(Daemoned daemoned) {
    daemons.signalled(daemoned);
  }

  @Override
  public void stopDaemon() {
    daemons.requestStop();
  }
}
