package dev.targo.worker.runtime;

import dev.targo.api.Names;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.workflow.WorkerSettings;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;

/**
 * The program {@link ColdWorkerTest} runs in a JVM of its own: a worker registered as {@code targo
 * worker} registers it, with the deadlock detector's timeout at {@code args[0]} ms, runs one
 * workflow of a pod retried twice at the root, and prints how many of its workflow tasks failed.
 */
final class ColdWorker {
  private ColdWorker() {}

  public static void main(String[] args) throws Exception {
    Duration deadlock = Duration.ofMillis(Long.parseLong(args[0]));
    try (TestWorkflowEnvironment env = Harness.environment()) {
      TargoWorker.register(
          env.getWorkerFactory(),
          Names.TASK_QUEUE,
          WorkerOptions.newBuilder()
              .setDefaultDeadlockDetectionTimeout(deadlock.toMillis())
              .build(),
          ScriptedExecutor.failingUntil(2),
          WorkerSettings.defaults(null));
      env.start();
      ArgoWorkflow wf =
          env.getWorkflowClient()
              .newWorkflowStub(
                  ArgoWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId("cold")
                      .setTaskQueue(Names.TASK_QUEUE)
                      .build());
      try {
        wf.run(
            Plans.run(
                "cold",
                Plans.plan(Plans.container("main", Plans.strategy("2", "Always"), "work"))));
      } catch (WorkflowFailedException failed) {
        // Counted below all the same.
      }
      long failedTasks =
          env.getWorkflowClient().fetchHistory("cold").getEvents().stream()
              .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED)
              .count();
      System.out.println("failed workflow tasks: " + failedTasks);
    }
  }
}
