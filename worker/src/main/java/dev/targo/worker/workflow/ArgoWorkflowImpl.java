package dev.targo.worker.workflow;

import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.Continuation;
import dev.targo.api.temporal.PodActivities;
import dev.targo.api.temporal.PodDeletion;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.PodNames;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.status.CurrentDetails;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.TemplateNodeState;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.argo.status.WorkflowStatuses;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Runs one Argo {@code Workflow} whose entrypoint is a container or script template: the workflow
 * variables, the entrypoint node (through {@link PodNodeRunner}), its deadline, its Argo-shaped
 * status, and continue-as-new to keep an unbounded retry loop within a bounded history.
 */
public final class ArgoWorkflowImpl implements ArgoWorkflow {

  /**
   * A run continues as new after this many attempts (about 11 history events each), or earlier when
   * the server suggests it. A constant rather than a setting: a replay must take the same decision
   * as the original run, whatever worker replays it.
   */
  static final int ATTEMPTS_PER_RUN = 100;

  private final WorkerSettings settings;
  private final Shutdown shutdown = new Shutdown();
  private final SearchAttributeUpdates searchAttributes = new SearchAttributeUpdates();
  private WorkflowStatus status =
      new WorkflowStatus(NodePhase.Pending, null, null, null, "0/0", Map.of());

  public ArgoWorkflowImpl(WorkerSettings settings) {
    this.settings = settings;
  }

  @Override
  public WorkflowStatus run(WorkflowRun run) {
    Continuation carried = run.continuation();
    Instant startedAt = carried != null ? carried.startedAt() : now();
    String uid = carried != null ? carried.uid() : Workflow.getInfo().getFirstExecutionRunId();
    WorkflowPlan plan = run.plan();
    Template entrypoint = plan.template(plan.entrypoint());
    if (entrypoint == null) {
      status =
          WorkflowStatuses.error("template " + plan.entrypoint() + " not found", startedAt, now());
      Workflow.setCurrentDetails(CurrentDetails.of(status, null));
      return status;
    }
    Instant deadline =
        plan.activeDeadlineSeconds() == null
            ? null
            : startedAt.plusSeconds(plan.activeDeadlineSeconds());
    if (!(entrypoint.body() instanceof TemplateBody.PodBody) || plan.onExit() != null) {
      // Steps, DAGs and exit handlers: the node tree (continue-as-new is for a pod entrypoint's
      // unbounded retry loop only).
      WorkflowStatus end =
          new TreeRun(
                  run,
                  uid,
                  startedAt,
                  deadline,
                  deadlineTimer(deadline),
                  settings,
                  shutdown,
                  s -> {
                    status = s;
                    Workflow.setCurrentDetails(CurrentDetails.of(s, null));
                    searchAttributes.publish(s);
                  })
              .run(entrypoint);
      deleteWorkflowPods(run, end.phase());
      return end;
    }
    NodeSpec node =
        new NodeSpec(
            run.name(),
            WorkflowVariables.namespace(run),
            run.name(),
            PodNames.nodeId(run.name(), run.name()),
            entrypoint,
            WorkflowVariables.forEntrypoint(run, uid, startedAt, entrypoint),
            plan.serviceAccountName(),
            deadline);
    TemplateNodeState state =
        carried != null
            ? TemplateNodeState.restored(
                carried.retryNode(), carried.attemptNodes(), carried.omittedAttempts())
            : TemplateNodeState.started(
                node.nodeId(), node.nodeName(), entrypoint.name(), node.retried(), startedAt);
    AttemptHistory history =
        carried != null
            ? new AttemptHistory(
                carried.attemptsSoFar(),
                carried.firstAttemptStartedAt(),
                carried.lastOutcome(),
                carried.excludedHosts())
            : AttemptHistory.NONE;
    int attemptsBefore = history.attemptsSoFar();

    PodNodeRunner runner =
        new PodNodeRunner(
            node,
            settings,
            deadlineTimer(deadline),
            state,
            history,
            shutdown,
            plan.podGc(),
            s -> publish(s, startedAt));
    publish(state, startedAt);
    runner.run(
        r -> {
          boolean runIsLong = r.history().attemptsSoFar() - attemptsBefore >= ATTEMPTS_PER_RUN;
          if (runIsLong || Workflow.getInfo().isContinueAsNewSuggested()) {
            r.awaitDeletions();
            Workflow.continueAsNew(continued(run, r, startedAt, uid));
          }
        });
    deleteWorkflowPods(run, status.phase());
    return status;
  }

  @Override
  public WorkflowStatus status() {
    return status;
  }

  @Override
  public void stop(String strategy) {
    shutdown.request(strategy);
  }

  private void publish(TemplateNodeState root, Instant startedAt) {
    status = WorkflowStatuses.of(root, startedAt);
    Workflow.setCurrentDetails(CurrentDetails.of(status, root.message()));
    searchAttributes.publish(status);
  }

  /**
   * At the end of the workflow, deletes every pod it still has when {@code podGC} waits for the
   * workflow ({@code OnWorkflowCompletion}, or {@code OnWorkflowSuccess} after a success). Child
   * node workflows have all ended by now, so their pods are covered too. A deletion that fails for
   * good leaves the pods behind; the workflow's result is not changed by it.
   */
  private void deleteWorkflowPods(WorkflowRun run, NodePhase phase) {
    if (!PodGcs.deleteAtWorkflowEnd(run.plan().podGc(), phase)
        || Workflow.getVersion(PodNodeRunner.POD_GC_CHANGE, Workflow.DEFAULT_VERSION, 1)
            == Workflow.DEFAULT_VERSION) {
      return;
    }
    PodActivities pods =
        Workflow.newActivityStub(
            PodActivities.class, settings.deleteOptions(Summaries.deleteWorkflowPods(run.name())));
    try {
      pods.deletePods(PodDeletion.workflow(WorkflowVariables.namespace(run), run.name()));
    } catch (ActivityFailure failure) {
      Workflow.getLogger(ArgoWorkflowImpl.class)
          .warn("Could not delete the pods of workflow {}: {}", run.name(), failure.getMessage());
    }
  }

  /** The same run, carrying what the retry loop must remember into the next run. */
  private static WorkflowRun continued(
      WorkflowRun run, PodNodeRunner runner, Instant startedAt, String uid) {
    Continuation next = continuation(runner, startedAt, uid);
    return new WorkflowRun(run.name(), run.namespace(), run.plan(), run.parameters(), next);
  }

  /** What a pod node's retry loop carries into the next run of its workflow. */
  static Continuation continuation(PodNodeRunner runner, Instant startedAt, String uid) {
    AttemptHistory history = runner.history();
    TemplateNodeState state = runner.state();
    return new Continuation(
        startedAt,
        uid,
        history.attemptsSoFar(),
        history.firstAttemptStartedAt(),
        history.last(),
        history.failedHosts(),
        state.node(),
        state.attempts(),
        state.omittedAttempts());
  }

  /**
   * One timer for the whole run that fires at the workflow's deadline; a promise that never
   * completes when there is none.
   */
  static Promise<Void> deadlineTimer(Instant deadline) {
    CompletablePromise<Void> never = Workflow.newPromise();
    if (deadline == null) {
      return never;
    }
    Duration left = Duration.between(now(), deadline);
    if (!left.isPositive()) {
      never.complete(null);
      return never;
    }
    return Workflow.newTimer(
        left, TimerOptions.newBuilder().setSummary("workflow deadline " + deadline).build());
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
