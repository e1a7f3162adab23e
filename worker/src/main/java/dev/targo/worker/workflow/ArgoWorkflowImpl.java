package dev.targo.worker.workflow;

import dev.targo.api.Names;
import dev.targo.api.temporal.ArgoFailures;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.ConfigMapActivities;
import dev.targo.api.temporal.Continuation;
import dev.targo.api.temporal.Daemoned;
import dev.targo.api.temporal.NodeUpdate;
import dev.targo.api.temporal.PodActivities;
import dev.targo.api.temporal.PodDeletion;
import dev.targo.api.temporal.WorkflowRetry;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.api.temporal.WorkflowTtl;
import dev.targo.argo.ConfigMapParameters;
import dev.targo.argo.flow.Failures;
import dev.targo.argo.flow.Inputs;
import dev.targo.argo.flow.Invocation;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.plan.LifecycleHook;
import dev.targo.argo.plan.PodGc;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TtlStrategy;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.pod.Clusters;
import dev.targo.argo.pod.PodGcs;
import dev.targo.argo.status.CurrentDetails;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeTree;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.argo.status.WorkflowStatuses;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One Argo {@code Workflow}: its variables and deadline, the entrypoint node (whatever its
 * template) run by the {@link NodeRunner} as the top of this workflow, then {@code spec.onExit} as
 * node {@code wf.onExit} with {@code workflow.status} and {@code workflow.failures}, and the
 * Argo-shaped status built from the node tree. A retried entrypoint continues the workflow as new
 * between its attempts once a run is long; the exit handler always runs to its end in the last run.
 * A workflow that ends Failed or Error ends its Temporal run failed ({@link ArgoFailures}).
 */
public final class ArgoWorkflowImpl implements ArgoWorkflow {
  private final WorkerSettings settings;
  private final Shutdown shutdown = new Shutdown();
  private final SearchAttributeUpdates searchAttributes = new SearchAttributeUpdates();
  private final Locks locks = new Locks();
  private final Suspensions suspensions = new Suspensions();
  private final Daemons daemons = new Daemons();
  private String rootMessage;
  private WorkflowStatus status =
      new WorkflowStatus(NodePhase.Pending, null, null, null, "0/0", Map.of());

  public ArgoWorkflowImpl(WorkerSettings settings) {
    this.settings = settings;
  }

  @Override
  public WorkflowStatus run(WorkflowRun submitted) {
    Continuation carried = submitted.continuation();
    Instant startedAt = carried != null ? carried.startedAt() : RunContext.now();
    WorkflowRetry retry = submitted.retry();
    String uid =
        carried != null
            ? carried.uid()
            : retry != null ? retry.uid() : Workflow.getInfo().getFirstExecutionRunId();
    if (submitted.plan().template(submitted.plan().entrypoint()) == null) {
      status =
          WorkflowStatuses.error(
              "template " + submitted.plan().entrypoint() + " not found",
              startedAt,
              RunContext.now());
      Workflow.setCurrentDetails(CurrentDetails.of(status, null));
      return status;
    }
    Instant deadline =
        submitted.plan().activeDeadlineSeconds() == null
            ? null
            : startedAt.plusSeconds(submitted.plan().activeDeadlineSeconds());
    String namespace = namespace(submitted);
    // Parameters read from ConfigMaps, once, by the first run; later runs carry the values.
    WorkflowRun run = carried == null ? withConfigMaps(submitted, namespace, startedAt) : submitted;
    if (carried == null && retry != null) {
      deleteRetriedPods(run, namespace, retry, startedAt);
    }
    WorkflowPlan plan = run.plan();
    Template entrypoint = plan.template(plan.entrypoint());
    NodeTree tree = new NodeTree(run.name());
    RunContext ctx =
        new RunContext(
            run.name(),
            namespace,
            plan,
            WorkflowVariables.globals(run, namespace, uid, startedAt),
            deadline,
            deadlineTimer(deadline),
            settings,
            shutdown,
            tree,
            () -> publish(tree.status(NodePhase.Running, null, startedAt, null), tree, run),
            locks,
            suspensions,
            RetainedNodes.of(retry == null ? null : retry.retainedNodes()),
            daemons);
    if (carried == null && plan.submittedSuspended()) {
      // spec.suspend: Argo's operator marks the workflow Running, then starts nothing until it
      // is resumed, as after `targo suspend`.
      suspensions.add(new NodeUpdate(List.of(), null, null, Map.of(), true));
      ctx.changed().run();
    }
    // spec.synchronization, then the entrypoint template's: held until the workflow ends.
    String holder = Workflow.getInfo().getWorkflowId();
    List<Locks.Held> held = new ArrayList<>();
    String lockProblem = null;
    for (var entry :
        List.of(
            Map.entry(holder, plan.synchronization()),
            Map.entry(holder + "#" + run.name(), entrypoint.synchronization()))) {
      if (entry.getValue().isEmpty() || lockProblem != null || shutdown.isRequested()) {
        continue;
      }
      Locks.Held h =
          locks.acquire(
              entry.getValue(),
              namespace,
              entry.getKey(),
              holder,
              waiting ->
                  publish(
                      new WorkflowStatus(
                          NodePhase.Pending, waiting, startedAt, null, "0/0", Map.of()),
                      tree,
                      run),
              shutdown::isRequested);
      held.add(h);
      lockProblem = h.problem();
    }
    if (lockProblem != null || (shutdown.isRequested() && tree.nodes().isEmpty())) {
      String message = lockProblem != null ? lockProblem : shutdown.message();
      held.forEach(locks::release);
      status =
          lockProblem != null
              ? WorkflowStatuses.error(message, startedAt, RunContext.now())
              : tree.status(NodePhase.Failed, message, startedAt, RunContext.now());
      publish(status, tree, run);
      scheduleExpiry(run, status.phase());
      throw ArgoFailures.workflow(status);
    }
    // spec.hooks with an expression run beside the entrypoint; while they may, the root does not
    // continue as new (a new run would not carry them). Plans without them start nothing here.
    WorkflowHooks hooks = new WorkflowHooks(ctx, run.name(), plan.expressionHooks());
    hooks.startWhileRunning();
    NodeRunner.ContinueAsNew next =
        plan.expressionHooks().isEmpty()
            ? state ->
                Workflow.continueAsNew(
                    ContinueAsNewOptions.newBuilder().setMemo(carriedMemo()).build(),
                    new WorkflowRun(
                        run.name(),
                        namespace,
                        plan,
                        run.parameters(),
                        state.withRun(startedAt, uid),
                        retry))
            : null;
    NodeResult root =
        new NodeRunner(
                ctx,
                ctx.node(
                    run.name(),
                    entrypoint,
                    WorkflowVariables.entrypointInputs(run, entrypoint),
                    List.of()),
                List.of())
            .run(carried, next);
    daemons.stopAll(ctx);
    NodePhase phase = workflowPhase(root.phase());
    hooks.finish(phase);
    String message = phase.failedOrError() ? root.message() : null;
    if (phase.failedOrError() && shutdown.isRequested()) {
      message = shutdown.message();
    }
    // Argo's operator does nothing while the workflow is suspended, not even end it.
    suspensions.awaitResumed(ctx);
    Instant finishedAt = root.finishedAt();
    LifecycleHook exitHook = plan.exitHook();
    Template exit = exitHook == null ? null : plan.template(exitHook.template());
    // Argo runs the exit handler after a Stop, not after a Terminate.
    if (exit != null && !Names.STOP_STRATEGY_TERMINATE.equals(shutdown.strategy())) {
      NodeResult onExit = runExitHandler(ctx, run, exit, exitHook.arguments(), phase);
      if (phase == NodePhase.Succeeded && onExit.phase().failedOrError()) {
        phase = onExit.phase();
        message = onExit.message();
      }
      finishedAt = RunContext.now();
    }
    publish(tree.status(phase, message, startedAt, finishedAt), tree, run);
    held.forEach(locks::release);
    deleteWorkflowPods(run, namespace, phase);
    scheduleExpiry(run, phase);
    if (phase.failedOrError()) {
      // Failed in Argo's terms is failed in Temporal's: the run ends failed, its status inside.
      throw ArgoFailures.workflow(status);
    }
    return status;
  }

  @Override
  public WorkflowStatus status() {
    return status.suspended(suspensions.workflowSuspended());
  }

  @Override
  public void lockGranted(String key) {
    locks.granted(key);
  }

  @Override
  public void stop(String strategy) {
    shutdown.request(strategy);
  }

  @Override
  public void daemoned(Daemoned daemoned) {
    daemons.signalled(daemoned);
  }

  @Override
  public void updateNodes(NodeUpdate update) {
    suspensions.add(update);
    if (update.suspendWorkflow() != null && status != null) {
      // Suspended or resumed: the Web UI says so at once (no command: replays are unchanged).
      showDetails();
    }
  }

  /**
   * Runs {@code spec.onExit} as node {@code wf.onExit}, with {@code workflow.status} and {@code
   * workflow.failures} set, and a shutdown of its own: a Stop of the workflow does not stop it.
   */
  private static NodeResult runExitHandler(
      RunContext ctx,
      WorkflowRun run,
      Template exit,
      List<dev.targo.argo.plan.Parameter> arguments,
      NodePhase phase) {
    SortedMap<String, String> globals = new TreeMap<>(ctx.globals());
    globals.put("workflow.status", phase.name());
    globals.put(
        "workflow.failures",
        ChangeIds.isOn(ChangeIds.QUOTED_WORKFLOW_FAILURES)
            ? Failures.quoted(run.name(), ctx.tree().nodes())
            : Failures.json(run.name(), ctx.tree().nodes()));
    RunContext exitCtx = ctx.with(globals, new Shutdown());
    SortedMap<String, String> inputs = WorkflowVariables.entrypointInputs(run, exit);
    if (arguments != null) {
      // spec.hooks.exit with arguments of its own (Argo's WithArgs keeps them).
      Inputs.Binding binding = Inputs.bind(exit, Invocation.substituted(arguments, globals));
      if (binding instanceof Inputs.Binding.Missing missing) {
        String name = run.name() + ".onExit";
        String id = dev.targo.argo.PodNames.nodeId(run.name(), name);
        Instant at = RunContext.now();
        ctx.tree().ended(id, name, exit.name(), NodePhase.Error, missing.message(), at);
        ctx.changed().run();
        return new NodeResult(
            id,
            name,
            NodePhase.Error,
            missing.message(),
            at,
            at,
            null,
            null,
            List.of(),
            List.of(id));
      }
      inputs = ((Inputs.Binding.Bound) binding).vars();
    }
    return new NodeRunner(
            exitCtx, exitCtx.node(run.name() + ".onExit", exit, inputs, List.of()), List.of())
        .run();
  }

  /**
   * Makes {@code next} the status the query answers, the Web UI's current details (with the
   * entrypoint's message while it runs: what it waits for), and the search attributes.
   */
  private void publish(WorkflowStatus next, NodeTree tree, WorkflowRun run) {
    status = next;
    NodeStatus root = tree.get(dev.targo.argo.PodNames.nodeId(run.name(), run.name()));
    rootMessage = root == null ? null : root.message();
    showDetails();
    searchAttributes.publish(next);
  }

  /** The Web UI's current details of the status last published, suspended or not as it is now. */
  private void showDetails() {
    Workflow.setCurrentDetails(
        CurrentDetails.of(status.suspended(suspensions.workflowSuspended()), rootMessage));
  }

  /**
   * At the end of the workflow, deletes every pod it still has when {@code podGC} waits for the
   * workflow ({@code OnWorkflowCompletion}, or {@code OnWorkflowSuccess} after a success). Child
   * node workflows have all ended by now, so their pods are covered too. A deletion that fails for
   * good leaves the pods behind; the workflow's result is not changed by it.
   */
  private void deleteWorkflowPods(WorkflowRun run, String namespace, NodePhase phase) {
    if (!PodGcs.deleteAtWorkflowEnd(run.plan().podGc(), phase)) {
      return;
    }
    for (String cluster : queues(run)) {
      PodActivities pods =
          PodAttempts.deleter(settings, Summaries.deleteWorkflowPods(run.name()), cluster);
      try {
        PodGc gc = run.plan().podGc();
        pods.deletePods(
            PodDeletion.workflow(namespace, run.name())
                .selecting(gc.labelSelector() == null ? null : gc.labelSelector().toString())
                .delayed(PodGcs.delayMillis(gc)));
      } catch (ActivityFailure failure) {
        Workflow.getLogger(ArgoWorkflowImpl.class)
            .warn("Could not delete the pods of workflow {}: {}", run.name(), failure.getMessage());
      }
    }
  }

  /**
   * {@code spec.ttlStrategy}: starts the {@link WorkflowTtl} that deletes this workflow once the
   * time to live of its outcome has passed, and leaves it running past this workflow's end. Plans
   * without a strategy (all recorded before it existed) start nothing.
   */
  private void scheduleExpiry(WorkflowRun run, NodePhase phase) {
    TtlStrategy ttl = run.plan().ttlStrategy();
    Integer seconds = ttl == null ? null : ttl.secondsAfter(phase);
    if (seconds == null) {
      return;
    }
    // The workflow's id is its Argo name (a replay's id is not).
    String id = run.name();
    WorkflowTtl expiry =
        Workflow.newChildWorkflowStub(
            WorkflowTtl.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId(Names.TTL_WORKFLOW_ID_PREFIX + id)
                .setTaskQueue(Workflow.getInfo().getTaskQueue())
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .setStaticSummary(
                    "ttlStrategy: deletes workflow " + id + " " + seconds + "s after it ended")
                .build());
    Async.function(
        expiry::expire,
        id,
        Workflow.getInfo().getRunId(),
        RunContext.now().toEpochMilli(),
        (long) seconds);
    try {
      // Started before this workflow ends: an abandoned child outlives its parent only once it
      // has started.
      Workflow.getWorkflowExecution(expiry).get();
    } catch (ChildWorkflowFailure failed) {
      Workflow.getLogger(ArgoWorkflowImpl.class)
          .warn("Could not schedule the deletion of {}: {}", id, failed.getMessage());
    }
  }

  /**
   * The namespace the run's pods go to: the one the workflow names, else the worker's executor's,
   * chosen once (a side effect recorded in the history, so replays and later runs agree whatever
   * worker runs them), written to the memo and the {@code ArgoNamespace} search attribute for the
   * clients, and carried to later runs.
   */
  private String namespace(WorkflowRun run) {
    String declared = WorkflowVariables.declaredNamespace(run);
    if (declared != null) {
      return declared;
    }
    String chosen = Workflow.sideEffect(String.class, settings::defaultNamespace);
    Workflow.upsertMemo(Map.of(Names.MEMO_NAMESPACE, chosen));
    searchAttributes.namespace(chosen);
    return chosen;
  }

  /**
   * Where the run's pods may be: null for the workflow's own task queue, then each cluster its
   * templates name (targo's clusters), whose pods only that cluster's worker can reach.
   */
  private static List<String> queues(WorkflowRun run) {
    List<String> clusters = new ArrayList<>();
    clusters.add(null);
    clusters.addAll(Clusters.inTemplates(run.plan().templates().values()));
    return clusters;
  }

  /**
   * A retried run's first step: deletes the pods of the nodes that run again ({@link
   * WorkflowRetry#podsToDelete}), as Argo Server's retry does before it updates the workflow, so
   * that a new attempt never adopts the finished pod of the same name. A deletion that fails for
   * good ends the workflow in Error before anything runs.
   */
  private void deleteRetriedPods(
      WorkflowRun run, String namespace, WorkflowRetry retry, Instant startedAt) {
    if (retry.podsToDelete().isEmpty()) {
      return;
    }
    try {
      // In the workflow's own task queue, then in each cluster its templates name.
      for (String cluster : queues(run)) {
        PodActivities pods =
            PodAttempts.deleter(
                settings,
                "retry: delete the pods of the " + retry.podsToDelete().size() + " nodes to run",
                cluster);
        pods.deletePods(new PodDeletion(namespace, retry.podsToDelete(), null));
      }
    } catch (ActivityFailure failure) {
      status =
          WorkflowStatuses.error(
              "cannot delete the pods of the retried nodes: "
                  + (failure.getCause() == null
                      ? failure.getMessage()
                      : failure.getCause().getMessage()),
              startedAt,
              RunContext.now());
      publish(status, new NodeTree(run.name()), run);
      throw ArgoFailures.workflow(status);
    }
  }

  /**
   * {@code run} with the values of its parameters' {@code valueFrom.configMapKeyRef} in place
   * ({@link ConfigMapParameters}), read by one activity; a plan without any is returned as it is,
   * and nothing is recorded. A ConfigMap or key that is missing (without {@code valueFrom.default})
   * ends the workflow in Error before anything runs, with Argo's message.
   */
  private WorkflowRun withConfigMaps(WorkflowRun run, String namespace, Instant startedAt) {
    List<String> names = ConfigMapParameters.configMaps(run.plan());
    if (names.isEmpty()) {
      return run;
    }
    // A short call retried a few times, as a pod deletion.
    ConfigMapActivities configMaps =
        Workflow.newActivityStub(
            ConfigMapActivities.class, settings.deleteOptions(Summaries.readConfigMaps(names)));
    String problem;
    ConfigMapParameters.Resolved resolved = null;
    try {
      resolved = ConfigMapParameters.resolve(run.plan(), configMaps.configMaps(namespace, names));
      problem = resolved.problem();
    } catch (ActivityFailure failure) {
      problem =
          "cannot read ConfigMaps "
              + names
              + ": "
              + (failure.getCause() == null
                  ? failure.getMessage()
                  : failure.getCause().getMessage());
    }
    if (problem != null) {
      status = WorkflowStatuses.error(problem, startedAt, RunContext.now());
      publish(status, new NodeTree(run.name()), run);
      throw ArgoFailures.workflow(status);
    }
    return new WorkflowRun(
        run.name(),
        run.namespace(),
        resolved.plan(),
        run.parameters(),
        run.continuation(),
        run.retry());
  }

  /**
   * The memo the next run keeps (Temporal gives a run continued as new none of its own): the
   * submitted YAML the Web UI and {@code targo get -o yaml} show, and the namespace the worker
   * chose.
   */
  private static Map<String, Object> carriedMemo() {
    Map<String, Object> memo = new TreeMap<>();
    for (String key : List.of(Names.MEMO_YAML, Names.MEMO_NAMESPACE)) {
      Object value = Workflow.getMemo(key, String.class);
      if (value != null) {
        memo.put(key, value);
      }
    }
    return memo;
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

  /**
   * One timer for the whole run that fires at the workflow's deadline; a promise that never
   * completes when there is none.
   */
  static Promise<Void> deadlineTimer(Instant deadline) {
    CompletablePromise<Void> never = Workflow.newPromise();
    if (deadline == null) {
      return never;
    }
    Duration left = Duration.between(RunContext.now(), deadline);
    if (!left.isPositive()) {
      never.complete(null);
      return never;
    }
    return Workflow.newTimer(
        left, TimerOptions.newBuilder().setSummary("workflow deadline " + deadline).build());
  }
}
