package dev.targo.worker.workflow;

import dev.targo.api.PayloadJson;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.worker.executor.PodExecutor;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;

/**
 * Wires targo's workflow and activities into a Temporal worker, so that {@code targo worker},
 * {@code targo run} and the tests register them the same way.
 */
public final class TargoWorker {
  private TargoWorker() {}

  /**
   * Registers {@link ArgoWorkflowImpl} and {@link PodActivitiesImpl} (running pods through {@code
   * executor}) on a new worker for {@code taskQueue} ({@link dev.targo.api.Names#TASK_QUEUE} by
   * default).
   */
  public static Worker register(
      WorkerFactory factory, String taskQueue, PodExecutor executor, WorkerSettings settings) {
    Worker worker = factory.newWorker(taskQueue);
    worker.registerWorkflowImplementationFactory(
        ArgoWorkflow.class, () -> new ArgoWorkflowImpl(settings));
    worker.registerActivitiesImplementations(
        new PodActivitiesImpl(
            executor, settings.transientErrorPattern(), settings.heartbeatInterval()));
    return worker;
  }

  /**
   * The data converter clients and workers must share: Temporal's defaults with JSON payloads
   * written by {@link PayloadJson}'s mapper (ISO dates, unknown fields tolerated).
   */
  public static DataConverter dataConverter() {
    return DefaultDataConverter.newDefaultInstance()
        .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(PayloadJson.create()));
  }
}
