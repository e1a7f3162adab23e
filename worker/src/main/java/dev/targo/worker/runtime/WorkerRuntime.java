package dev.targo.worker.runtime;

import dev.targo.worker.executor.PodExecutor;
import dev.targo.worker.workflow.WorkerSettings;
import io.temporal.client.WorkflowClient;
import io.temporal.common.interceptors.WorkerInterceptor;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.worker.WorkerOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A started Temporal worker factory with targo's worker, and its graceful stop. */
public final class WorkerRuntime {

  /**
   * @param maxConcurrentActivities attempts run at once (each waits for its pod on a virtual
   *     thread)
   * @param maxConcurrentWorkflowTasks workflow tasks run at once
   * @param stickyCacheSize workflows kept in memory between their tasks
   */
  public record Options(
      int maxConcurrentActivities, int maxConcurrentWorkflowTasks, int stickyCacheSize) {}

  private final WorkerFactory factory;

  private WorkerRuntime(WorkerFactory factory) {
    this.factory = factory;
  }

  /** Starts polling {@code taskQueue} through {@code client}. */
  public static WorkerRuntime start(
      WorkflowClient client,
      String taskQueue,
      Options options,
      PodExecutor executor,
      WorkerSettings settings,
      WorkerInterceptor... interceptors) {
    return start(client, taskQueue, options, executor, settings, worker -> {}, interceptors);
  }

  /**
   * The same, with {@code alsoRegister} registering more workflows or activities on the same worker
   * before it starts polling (the benchmarks' hand-written native-retry baseline runs on the very
   * worker targo's workflows run on).
   */
  public static WorkerRuntime start(
      WorkflowClient client,
      String taskQueue,
      Options options,
      PodExecutor executor,
      WorkerSettings settings,
      Consumer<Worker> alsoRegister,
      WorkerInterceptor... interceptors) {
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client,
            WorkerFactoryOptions.newBuilder()
                .setWorkflowCacheSize(options.stickyCacheSize())
                // A cached workflow keeps a thread parked between its tasks: virtual ones, so that
                // the cache costs no platform thread per waiting workflow (issue 13's capacity).
                .setUsingVirtualWorkflowThreads(true)
                .setWorkerInterceptors(interceptors)
                .build());
    WorkerOptions workerOptions =
        WorkerOptions.newBuilder()
            .setMaxConcurrentActivityExecutionSize(options.maxConcurrentActivities())
            .setMaxConcurrentWorkflowTaskExecutionSize(options.maxConcurrentWorkflowTasks())
            // An attempt mostly waits for its pod: a virtual thread per slot costs next to nothing.
            .setUsingVirtualThreadsOnActivityWorker(true)
            // Running attempts keep beating during the shutdown grace: without it the SDK refuses
            // every beat as soon as shutdown starts, and the attempts could not finish within it.
            .setAllowActivityHeartbeatDuringShutdown(true)
            .build();
    alsoRegister.accept(
        TargoWorker.register(factory, taskQueue, workerOptions, executor, settings));
    factory.start();
    return new WorkerRuntime(factory);
  }

  /**
   * Starts polling the task queue of {@code cluster} (targo's clusters) through {@code client}: the
   * pod activities the workflows of {@code taskQueue} send to that cluster, run through {@code
   * executor}; no workflow task.
   */
  public static WorkerRuntime startCluster(
      WorkflowClient client,
      String taskQueue,
      String cluster,
      Options options,
      PodExecutor executor,
      WorkerSettings settings,
      WorkerInterceptor... interceptors) {
    WorkerFactory factory =
        WorkerFactory.newInstance(
            client, WorkerFactoryOptions.newBuilder().setWorkerInterceptors(interceptors).build());
    TargoWorker.registerCluster(
        factory,
        taskQueue,
        cluster,
        WorkerOptions.newBuilder()
            .setMaxConcurrentActivityExecutionSize(options.maxConcurrentActivities())
            .setUsingVirtualThreadsOnActivityWorker(true)
            .setAllowActivityHeartbeatDuringShutdown(true)
            .build(),
        executor,
        settings,
        Clock.systemUTC());
    factory.start();
    return new WorkerRuntime(factory);
  }

  /**
   * Stops polling at once, waits up to {@code grace} for running attempts, then interrupts the
   * rest: an interrupted attempt leaves its pod running and is retried by Temporal on another
   * worker once its heartbeat times out, which adopts the pod by name.
   */
  public void stop(Duration grace) throws InterruptedException {
    factory.shutdown();
    factory.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
    if (!factory.isTerminated()) {
      factory.shutdownNow();
      factory.awaitTermination(10, TimeUnit.SECONDS);
    }
  }
}
