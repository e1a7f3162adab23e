package dev.targo.bench;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import dev.targo.api.PayloadJson;
import dev.targo.bench.baseline.NativeAttemptsImpl;
import dev.targo.bench.baseline.NativeRetryWorkflowImpl;
import dev.targo.worker.executor.PodExecutor;
import dev.targo.worker.runtime.BackoffMetricsInterceptor;
import dev.targo.worker.runtime.LogContextInterceptor;
import dev.targo.worker.runtime.MeteredExecutor;
import dev.targo.worker.runtime.TargoMetrics;
import dev.targo.worker.runtime.WorkerRuntime;
import dev.targo.worker.workflow.WorkerSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A targo worker as {@code targo worker} runs it (the same {@link WorkerRuntime} options, metered
 * executor and interceptors), in this process, on a task queue of its own, with the native-retry
 * baseline registered on the very same worker. Its executor is wrapped so that every attempt lands
 * on the {@link Timeline}; the SDK's metrics and the gRPC calls are counted.
 */
public final class BenchWorker implements AutoCloseable {
  private static final AtomicInteger QUEUES = new AtomicInteger();

  public final WorkflowServiceStubs service;
  public final WorkflowClient client;
  public final String taskQueue;
  public final boolean searchAttributes;
  public final Timeline timeline = new Timeline();
  public final RequestCounter requests = new RequestCounter();
  public final SimpleMeterRegistry sdkMetrics = new SimpleMeterRegistry();
  private final WorkerRuntime runtime;

  private BenchWorker(TemporalServer server, PodExecutor executor, WorkerRuntime.Options options) {
    Scope scope =
        new RootScopeBuilder()
            .reporter(new MicrometerClientStatsReporter(sdkMetrics))
            .reportEvery(com.uber.m3.util.Duration.ofSeconds(1));
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder()
                .setTarget(server.address())
                .setMetricsScope(scope)
                .setGrpcClientInterceptors(List.of(requests))
                .build());
    client =
        WorkflowClient.newInstance(
            service,
            WorkflowClientOptions.newBuilder()
                .setDataConverter(PayloadJson.dataConverter())
                .build());
    searchAttributes = server.searchAttributes();
    taskQueue = "bench-" + ProcessHandle.current().pid() + "-" + QUEUES.incrementAndGet();
    TargoMetrics metrics = new TargoMetrics(new SimpleMeterRegistry());
    PodExecutor timed = new dev.targo.bench.fake.TimedExecutor(executor, timeline);
    runtime =
        WorkerRuntime.start(
            client,
            taskQueue,
            options,
            new MeteredExecutor(timed, metrics),
            WorkerSettings.fromEnvironment(),
            worker -> {
              worker.registerWorkflowImplementationTypes(NativeRetryWorkflowImpl.class);
              worker.registerActivitiesImplementations(new NativeAttemptsImpl(timeline));
            },
            new BackoffMetricsInterceptor(metrics),
            new LogContextInterceptor());
  }

  /** {@code targo worker}'s defaults: 2,000 attempts, 200 workflow tasks, 600 cached workflows. */
  public static WorkerRuntime.Options defaults() {
    return new WorkerRuntime.Options(2000, 200, 600);
  }

  public static BenchWorker start(TemporalServer server, PodExecutor executor) {
    return new BenchWorker(server, executor, defaults());
  }

  public static BenchWorker start(
      TemporalServer server, PodExecutor executor, WorkerRuntime.Options options) {
    return new BenchWorker(server, executor, options);
  }

  /**
   * The mean of an SDK timer in milliseconds (e.g. {@code
   * temporal_workflow_task_execution_latency}), NaN when absent.
   */
  public double sdkTimerMeanMillis(String name) {
    var timer = sdkMetrics.find(name).timer();
    return timer == null || timer.count() == 0 ? Double.NaN : timer.mean(TimeUnit.MILLISECONDS);
  }

  /** The count of an SDK counter, summed over its tags. */
  public double sdkCount(String name) {
    return sdkMetrics.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
  }

  @Override
  public void close() {
    try {
      runtime.stop(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    service.shutdownNow();
    service.awaitTermination(5, TimeUnit.SECONDS);
  }
}
