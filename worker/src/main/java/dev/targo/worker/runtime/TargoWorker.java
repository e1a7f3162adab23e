package dev.targo.worker.runtime;

import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.NodeWorkflow;
import dev.targo.worker.activity.PodActivitiesImpl;
import dev.targo.worker.executor.PodExecutor;
import dev.targo.worker.workflow.ArgoWorkflowImpl;
import dev.targo.worker.workflow.NodeWorkflowImpl;
import dev.targo.worker.workflow.WorkerSettings;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Clock;

/**
 * Wires targo's workflow and activities into a Temporal worker, so that {@code targo worker},
 * {@code targo run} and the tests register them the same way. Clients and workers share {@link
 * dev.targo.api.PayloadJson#dataConverter()}.
 */
public final class TargoWorker {
  private TargoWorker() {}

  /**
   * Registers targo's workflow implementations ({@link ArgoWorkflowImpl}, {@link NodeWorkflowImpl})
   * on {@code worker}: the workers' registration, and the one a client replays histories with.
   */
  public static void registerWorkflows(Worker worker, WorkerSettings settings) {
    worker.registerWorkflowImplementationFactory(
        ArgoWorkflow.class, () -> new ArgoWorkflowImpl(settings));
    worker.registerWorkflowImplementationFactory(
        NodeWorkflow.class, () -> new NodeWorkflowImpl(settings));
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
    Worker worker = factory.newWorker(taskQueue, options);
    registerWorkflows(worker, settings);
    worker.registerActivitiesImplementations(
        new PodActivitiesImpl(
            executor, settings.transientErrorPattern(), settings.heartbeatInterval(), clock));
    return worker;
  }
}
