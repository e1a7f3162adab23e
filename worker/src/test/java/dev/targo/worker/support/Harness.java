package dev.targo.worker.support;

import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import dev.targo.api.temporal.ArgoFailures;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.executor.PodExecutor;
import dev.targo.worker.runtime.TargoWorker;
import dev.targo.worker.workflow.WorkerSettings;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A time-skipping Temporal test environment with targo's worker on a scripted executor, wired the
 * way {@link TargoWorker} wires production workers.
 */
public final class Harness implements AutoCloseable {
  public final TestWorkflowEnvironment env;

  /** The scripted executor, or null when the harness runs another one. */
  public final ScriptedExecutor executor;

  public Harness(ScriptedExecutor executor) {
    this(executor, WorkerSettings.defaults(null));
  }

  public Harness(ScriptedExecutor executor, WorkerSettings settings) {
    this(
        env -> {
          executor.useClock(env::currentTimeMillis);
          return executor;
        },
        settings);
  }

  /** A harness whose executor is made for the environment (to share its clock, for instance). */
  public Harness(
      Function<TestWorkflowEnvironment, PodExecutor> executorFor, WorkerSettings settings) {
    this(executorFor, settings, true);
  }

  /**
   * A harness in real time when not {@code timeSkipping}: as {@code targo run}'s embedded server,
   * for tests that compare times kept outside a workflow (a skip jumps to any pending timeout of
   * the server, even of a workflow that has ended, or of an open workflow that never times out in a
   * real server); {@code env.sleep} then sleeps.
   */
  public Harness(
      Function<TestWorkflowEnvironment, PodExecutor> executorFor,
      WorkerSettings settings,
      boolean timeSkipping) {
    this(executorFor, settings, timeSkipping, java.util.Map.of());
  }

  /**
   * A time-skipping harness with, beside targo's worker, one activity worker per entry of {@code
   * clusters} (targo's clusters: a cluster's name and its scripted executor), polling that
   * cluster's task queue as {@code targo worker --cluster} does.
   */
  public Harness(ScriptedExecutor executor, java.util.Map<String, ScriptedExecutor> clusters) {
    this(
        env -> {
          executor.useClock(env::currentTimeMillis);
          return executor;
        },
        WorkerSettings.defaults(null),
        true,
        clusters);
  }

  private Harness(
      Function<TestWorkflowEnvironment, PodExecutor> executorFor,
      WorkerSettings settings,
      boolean timeSkipping,
      java.util.Map<String, ScriptedExecutor> clusters) {
    this.env = environment(timeSkipping);
    clusters.forEach(
        (cluster, clusterExecutor) -> {
          clusterExecutor.useClock(env::currentTimeMillis);
          TargoWorker.registerCluster(
              env.getWorkerFactory(),
              Names.TASK_QUEUE,
              cluster,
              io.temporal.worker.WorkerOptions.getDefaultInstance(),
              clusterExecutor,
              settings,
              new EnvClock(env::currentTimeMillis));
        });
    PodExecutor podExecutor = executorFor.apply(env);
    this.executor = podExecutor instanceof ScriptedExecutor scripted ? scripted : null;
    TargoWorker.register(
        env.getWorkerFactory(),
        Names.TASK_QUEUE,
        io.temporal.worker.WorkerOptions.getDefaultInstance(),
        podExecutor,
        settings,
        new EnvClock(env::currentTimeMillis));
    env.start();
  }

  /** A time-skipping test environment whose client speaks targo's payload JSON. */
  public static TestWorkflowEnvironment environment() {
    return environment(true);
  }

  private static TestWorkflowEnvironment environment(boolean timeSkipping) {
    return TestWorkflowEnvironment.newInstance(
        TestEnvironmentOptions.newBuilder()
            .setUseTimeskipping(timeSkipping)
            .setWorkflowClientOptions(
                WorkflowClientOptions.newBuilder()
                    .setDataConverter(PayloadJson.dataConverter())
                    .build())
            .build());
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  /** Starts {@code run} without waiting: time does not skip until someone waits for a result. */
  public ArgoWorkflow start(WorkflowRun run) {
    return start(run, WorkflowOptions.newBuilder());
  }

  /** Starts {@code run} with {@code options} (memo, search attributes) as a client would. */
  public ArgoWorkflow start(WorkflowRun run, WorkflowOptions.Builder options) {
    ArgoWorkflow workflow =
        client()
            .newWorkflowStub(
                ArgoWorkflow.class,
                options
                    .setWorkflowId(run.name())
                    .setTaskQueue(Names.TASK_QUEUE)
                    // A workflow task that keeps failing is retried for ever; in a test it must
                    // end the test instead (workflow time, skipped while a test waits).
                    .setWorkflowExecutionTimeout(Duration.ofDays(7))
                    .build());
    WorkflowClient.start(workflow::run, run);
    return workflow;
  }

  /** Runs {@code run} to its end (skipping time) and returns its final status. */
  public WorkflowStatus runToEnd(WorkflowRun run) {
    return result(start(run));
  }

  /**
   * Waits for {@code workflow}'s end and returns its Argo status: its result when it Succeeded, the
   * status its failure carries when it Failed or Errored (its Temporal run failed then).
   */
  public static WorkflowStatus result(ArgoWorkflow workflow) {
    try {
      return WorkflowStub.fromTyped(workflow).getResult(WorkflowStatus.class);
    } catch (WorkflowFailedException e) {
      return ArgoFailures.workflowStatus(e).orElseThrow(() -> e);
    }
  }

  /** The history of every run of workflow {@code id}, first run first. */
  public List<WorkflowExecutionHistory> runs(String id) {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    String runId = firstRunId(id);
    while (runId != null) {
      WorkflowExecutionHistory history = client().fetchHistory(id, runId);
      runs.add(history);
      HistoryEvent last = history.getLastEvent();
      runId =
          last.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW
              ? last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()
              : null;
    }
    return runs;
  }

  /** The events of the last run of workflow {@code id}. */
  public List<HistoryEvent> events(String id) {
    return client().fetchHistory(id).getEvents();
  }

  private String firstRunId(String id) {
    WorkflowExecutionHistory latest = client().fetchHistory(id);
    return latest
        .getEvents()
        .getFirst()
        .getWorkflowExecutionStartedEventAttributes()
        .getFirstExecutionRunId();
  }

  @Override
  public void close() {
    env.close();
  }
}
