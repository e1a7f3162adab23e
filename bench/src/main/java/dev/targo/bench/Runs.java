package dev.targo.bench;

import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.bench.baseline.NativeRetryWorkflow;
import dev.targo.cli.client.Submission;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Starting workflows as {@code targo submit} does, waiting for them, and reading their histories.
 */
public final class Runs {
  private Runs() {}

  /** The plan of a YAML text; a benchmark's own YAML that does not translate is a bug here. */
  public static WorkflowPlan plan(String name, String yaml) {
    Translation t = Translator.translate(name + ".yaml", yaml, Map.of());
    if (t instanceof Translation.Ok ok) {
      return ok.plan();
    }
    throw new IllegalStateException(
        "benchmark workflow " + name + " does not translate: " + t.all());
  }

  /**
   * Starts {@code plan} as workflow {@code name} on {@code worker}'s task queue, with targo's
   * search attributes where the server has them registered, as {@code targo submit} does.
   */
  public static WorkflowStub start(
      BenchWorker worker, WorkflowPlan plan, String name, String yaml) {
    return new Submission(plan, name, null, Map.of(), yaml)
        .start(worker.client, worker.taskQueue, worker.searchAttributes);
  }

  /** Starts a workflow of {@code yaml} under each of {@code ids}, without waiting. */
  public static List<WorkflowStub> startAll(BenchWorker worker, String yaml, List<String> ids) {
    WorkflowPlan plan = plan(ids.getFirst(), yaml);
    List<WorkflowStub> stubs = new ArrayList<>();
    for (String id : ids) {
      stubs.add(start(worker, plan, id, yaml));
    }
    return stubs;
  }

  /** {@code prefix-from} … {@code prefix-(to-1)}. */
  public static List<String> ids(String prefix, int from, int to) {
    List<String> ids = new ArrayList<>();
    for (int i = from; i < to; i++) {
      ids.add(prefix + "-" + i);
    }
    return ids;
  }

  /** Starts the native-retry baseline for {@code key} with {@code attempts} attempts. */
  public static WorkflowStub startNative(BenchWorker worker, String key, int attempts) {
    NativeRetryWorkflow wf =
        worker.client.newWorkflowStub(
            NativeRetryWorkflow.class,
            WorkflowOptions.newBuilder().setWorkflowId(key).setTaskQueue(worker.taskQueue).build());
    WorkflowClient.start(wf::run, key, attempts);
    return WorkflowStub.fromTyped(wf);
  }

  /** Waits for each workflow to end, Failed included (an Argo failure fails the run). */
  public static void awaitAll(List<WorkflowStub> stubs, long timeoutSeconds)
      throws TimeoutException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    for (WorkflowStub stub : stubs) {
      long left = deadline - System.nanoTime();
      try {
        stub.getResult(Math.max(1, left), TimeUnit.NANOSECONDS, Object.class);
      } catch (WorkflowFailedException expected) {
        // Failed in Argo's terms; ended all the same.
      }
    }
  }

  /** Every event of every run of workflow {@code id}, first run first (continue-as-new chains). */
  public static List<List<HistoryEvent>> runs(WorkflowClient client, String id) {
    List<HistoryEvent> latest = client.fetchHistory(id).getEvents();
    var started = latest.getFirst().getWorkflowExecutionStartedEventAttributes();
    if (started.getContinuedExecutionRunId().isEmpty()) {
      return List.of(latest);
    }
    List<List<HistoryEvent>> runs = new ArrayList<>();
    List<HistoryEvent> events =
        client.fetchHistory(id, started.getFirstExecutionRunId()).getEvents();
    runs.add(events);
    while (events.getLast().getEventType()
        == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW) {
      String next =
          events
              .getLast()
              .getWorkflowExecutionContinuedAsNewEventAttributes()
              .getNewExecutionRunId();
      events = client.fetchHistory(id, next).getEvents();
      runs.add(events);
    }
    return runs;
  }
}
