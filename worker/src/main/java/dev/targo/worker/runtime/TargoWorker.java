package dev.targo.worker.runtime;

import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.CacheEntryHolder;
import dev.targo.api.temporal.CronRunWorkflow;
import dev.targo.api.temporal.NodeWorkflow;
import dev.targo.api.temporal.TemplateHolder;
import dev.targo.api.temporal.WorkflowTtl;
import dev.targo.argo.pod.Clusters;
import dev.targo.worker.activity.CacheActivitiesImpl;
import dev.targo.worker.activity.CacheStore;
import dev.targo.worker.activity.ConfigMapActivitiesImpl;
import dev.targo.worker.activity.CronActivitiesImpl;
import dev.targo.worker.activity.HttpActivitiesImpl;
import dev.targo.worker.activity.LockActivitiesImpl;
import dev.targo.worker.activity.PodActivitiesImpl;
import dev.targo.worker.activity.SemaphoreLimits;
import dev.targo.worker.activity.TtlActivitiesImpl;
import dev.targo.worker.executor.PodExecutor;
import dev.targo.worker.workflow.ArgoWorkflowImpl;
import dev.targo.worker.workflow.CacheEntryHolderImpl;
import dev.targo.worker.workflow.CronRunWorkflowImpl;
import dev.targo.worker.workflow.LockWorkflowImpl;
import dev.targo.worker.workflow.NodeWorkflowImpl;
import dev.targo.worker.workflow.TemplateHolderImpl;
import dev.targo.worker.workflow.WorkerSettings;
import dev.targo.worker.workflow.WorkflowTtlImpl;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Clock;
import java.time.Duration;

/**
 * Wires targo's workflow and activities into a Temporal worker, so that {@code targo worker},
 * {@code targo run} and the tests register them the same way. Clients and workers share {@link
 * dev.targo.api.PayloadJson#dataConverter()}.
 */
public final class TargoWorker {
  private TargoWorker() {}

  /**
   * The longest a heartbeat waits behind the one before it. The SDK's default, 0.8 × the heartbeat
   * timeout, held a pod's Running back for 48 s; an attempt only sends changes and a periodic beat
   * ({@link #periodicBeat}), so a short throttle costs no more calls.
   */
  public static final Duration HEARTBEAT_THROTTLE = Duration.ofMillis(500);

  /**
   * How often an attempt whose pod does not change heartbeats: 0.8 × the heartbeat timeout, the
   * rate the SDK's throttle used to impose, so the periodic beat costs what it did.
   */
  static Duration periodicBeat(WorkerSettings settings) {
    return settings.heartbeatTimeout().multipliedBy(4).dividedBy(5);
  }

  /**
   * Registers targo's workflow implementations ({@link ArgoWorkflowImpl}, {@link NodeWorkflowImpl})
   * on {@code worker}: the workers' registration, and the one a client replays histories with.
   */
  public static void registerWorkflows(Worker worker, WorkerSettings settings) {
    worker.registerWorkflowImplementationFactory(
        ArgoWorkflow.class, () -> new ArgoWorkflowImpl(settings));
    worker.registerWorkflowImplementationFactory(
        NodeWorkflow.class, () -> new NodeWorkflowImpl(settings));
    worker.registerWorkflowImplementationTypes(LockWorkflowImpl.class);
    worker.registerWorkflowImplementationFactory(TemplateHolder.class, TemplateHolderImpl::new);
    worker.registerWorkflowImplementationFactory(CacheEntryHolder.class, CacheEntryHolderImpl::new);
    worker.registerWorkflowImplementationFactory(
        CronRunWorkflow.class, () -> new CronRunWorkflowImpl(settings));
    worker.registerWorkflowImplementationFactory(
        WorkflowTtl.class, () -> new WorkflowTtlImpl(settings));
  }

  /** {@link #register(WorkerFactory, String, PodExecutor, WorkerSettings)} with the defaults. */
  public static Worker register(WorkerFactory factory, String taskQueue, PodExecutor executor) {
    return register(factory, taskQueue, executor, WorkerSettings.fromEnvironment());
  }

  /**
   * Registers {@link ArgoWorkflowImpl} and {@link PodActivitiesImpl} (running pods through {@code
   * executor}) on a new worker for {@code taskQueue} ({@link dev.targo.api.Names#TASK_QUEUE} by
   * default).
   */
  public static Worker register(
      WorkerFactory factory, String taskQueue, PodExecutor executor, WorkerSettings settings) {
    return register(factory, taskQueue, WorkerOptions.getDefaultInstance(), executor, settings);
  }

  /** The same, on a worker with {@code options} (concurrency, virtual threads). */
  public static Worker register(
      WorkerFactory factory,
      String taskQueue,
      WorkerOptions options,
      PodExecutor executor,
      WorkerSettings settings) {
    return register(factory, taskQueue, options, executor, settings, Clock.systemUTC());
  }

  /**
   * The same, with the activities comparing pending deadlines with {@code clock} (a test
   * environment's skipped time).
   */
  public static Worker register(
      WorkerFactory factory,
      String taskQueue,
      WorkerOptions options,
      PodExecutor executor,
      WorkerSettings settings,
      Clock clock) {
    return register(
        factory,
        taskQueue,
        options,
        executor,
        settings,
        clock,
        SemaphoreLimits.of(executor::configMapData));
  }

  /**
   * The same, with semaphore limits from {@code limits} (ConfigMap files and database limits given
   * to the worker, then the executor's cluster).
   */
  public static Worker register(
      WorkerFactory factory,
      String taskQueue,
      WorkerOptions options,
      PodExecutor executor,
      WorkerSettings settings,
      Clock clock,
      SemaphoreLimits limits) {
    Worker worker =
        factory.newWorker(
            taskQueue,
            WorkerOptions.newBuilder(options)
                .setMaxHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
                .build());
    // Pods of a workflow that names no namespace go where this worker's executor puts them.
    registerWorkflows(worker, settings.withDefaultNamespace(executor.defaultNamespace()));
    worker.registerActivitiesImplementations(
        new PodActivitiesImpl(
            executor, settings.transientErrorPattern(), periodicBeat(settings), clock),
        new LockActivitiesImpl(factory.getWorkflowClient(), taskQueue, limits),
        new CronActivitiesImpl(factory.getWorkflowClient()),
        new TtlActivitiesImpl(factory.getWorkflowClient()),
        new HttpActivitiesImpl(),
        new ConfigMapActivitiesImpl(limits),
        new CacheActivitiesImpl(new CacheStore(factory.getWorkflowClient(), taskQueue)));
    // Before the factory starts polling: a cold worker's first workflow tasks must not trip the
    // deadlock detector while their classes load.
    WorkflowWarmUp.run(worker);
    return worker;
  }

  /**
   * Registers {@link PodActivitiesImpl} (running pods through {@code executor}, the cluster's) on a
   * new worker for the task queue of {@code cluster} ({@link Clusters#taskQueue}): the activities
   * of the attempts that the workflows of {@code taskQueue} send to that cluster, and their pods'
   * deletions. No workflow runs there: workflow tasks stay on {@code taskQueue}.
   */
  public static Worker registerCluster(
      WorkerFactory factory,
      String taskQueue,
      String cluster,
      WorkerOptions options,
      PodExecutor executor,
      WorkerSettings settings,
      Clock clock) {
    Worker worker =
        factory.newWorker(
            Clusters.taskQueue(taskQueue, cluster),
            WorkerOptions.newBuilder(options)
                .setMaxHeartbeatThrottleInterval(HEARTBEAT_THROTTLE)
                .build());
    worker.registerActivitiesImplementations(
        new PodActivitiesImpl(
            executor, settings.transientErrorPattern(), periodicBeat(settings), clock));
    return worker;
  }
}
