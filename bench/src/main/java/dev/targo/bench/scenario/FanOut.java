package dev.targo.bench.scenario;

import com.google.protobuf.util.Timestamps;
import dev.targo.bench.Bench;
import dev.targo.bench.BenchWorker;
import dev.targo.bench.HistoryStats;
import dev.targo.bench.Machine;
import dev.targo.bench.Result;
import dev.targo.bench.Runs;
import dev.targo.bench.Scenario;
import dev.targo.bench.Target;
import dev.targo.bench.TemporalServer;
import dev.targo.bench.Timeline;
import dev.targo.bench.fake.FakeExecutor;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowStub;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Scenario 8: one {@code withItems} step of 10,000 items, and one DAG of 2,000 tasks (task {@code
 * i} depending on task {@code (i - 1) / 2}), every pod succeeding at once (fake executor). Time to
 * finish, pods started per second (first to last start), the largest history among the workflow's
 * runs and its children's (the children sampled), and the worker's heap after GC at the end. Each
 * on a dev server of its own; a leg that has not finished after 100 s is terminated and reported as
 * far as it got.
 */
public final class FanOut implements Scenario {
  static final Target LARGEST = Target.atMost(10_000);
  static final Target PODS_PER_SECOND = Target.atLeast(200);
  static final int SAMPLED_CHILDREN = 50;

  @Override
  public int number() {
    return 8;
  }

  @Override
  public String title() {
    return "fan-out, withItems of 10,000 and a DAG of 2,000 tasks";
  }

  static String withItems(int items) {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < items; i++) {
      list.append(i == 0 ? "" : ", ").append(i);
    }
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: fan-out-
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: item
                template: work
                arguments:
                  parameters:
                  - name: x
                    value: "{{item}}"
                withItems: [%s]
          - name: work
            inputs:
              parameters:
              - name: x
            container:
              image: alpine:3.20
              command: [echo, "{{inputs.parameters.x}}"]
        """
        .formatted(list);
  }

  static String dag(int tasks) {
    StringBuilder y =
        new StringBuilder(
            """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              generateName: dag-
            spec:
              entrypoint: main
              templates:
              - name: work
                container:
                  image: alpine:3.20
                  command: [echo, done]
              - name: main
                dag:
                  tasks:
            """);
    for (int i = 0; i < tasks; i++) {
      y.append("      - name: t").append(i).append("\n        template: work\n");
      if (i > 0) {
        y.append("        dependencies: [t").append((i - 1) / 2).append("]\n");
      }
    }
    return y.toString();
  }

  @Override
  public List<Result> run(Bench bench) throws Exception {
    List<Result> out = new ArrayList<>();
    int items = bench.size(10_000, 20);
    int tasks = bench.size(2_000, 15);
    out.addAll(
        bench.onOwnServer(
            "fan-out-items",
            server ->
                leg(
                    bench,
                    server,
                    "8 fan-out, withItems x " + items,
                    "f8-items",
                    withItems(items))));
    out.addAll(
        bench.onOwnServer(
            "fan-out-dag",
            server ->
                leg(bench, server, "8 fan-out, DAG of " + tasks + " tasks", "f8-dag", dag(tasks))));
    return out;
  }

  private static List<Result> leg(
      Bench bench, TemporalServer server, String scenario, String id, String yaml)
      throws Exception {
    FakeExecutor executor = FakeExecutor.of(r -> FakeExecutor.Behaviour.SUCCEED);
    try (BenchWorker worker = BenchWorker.start(server, executor, BenchWorker.defaults())) {
      long t0 = System.nanoTime();
      List<WorkflowStub> stubs = Runs.startAll(worker, yaml, List.of(id));
      boolean finished = true;
      try {
        Runs.awaitAll(stubs, bench.size(100, 120));
      } catch (TimeoutException e) {
        // Bounded so that the suite ends: the figures say how far it got; terminating the parent
        // terminates its children (their default parent close policy).
        finished = false;
        stubs.getFirst().terminate("benchmark time is up");
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      double heap = Machine.heapAfterGcMiB();
      int pods = worker.timeline.attempts();
      long[] window = worker.timeline.window(worker.timeline.keys());
      double startSpan = (firstToLastStart(worker.timeline)) / 1e6;
      List<List<HistoryEvent>> runs = Runs.runs(worker.client, id);
      HistoryStats stats = HistoryStats.of(runs);
      List<String> children = childIds(runs);
      for (String child : children.subList(0, Math.min(SAMPLED_CHILDREN, children.size()))) {
        stats = stats.plus(HistoryStats.of(Runs.runs(worker.client, child)));
      }
      bench.progress(
          scenario
              + ": "
              + pods
              + " pods in "
              + Math.round(seconds)
              + " s (first start to last end "
              + Math.round((window[1] - window[0]) / 1e6)
              + " s), "
              + children.size()
              + " child workflows");
      return List.of(
          new Result(
              scenario,
              finished ? "time to finish" : "time to finish (did not; stopped at)",
              seconds,
              "s",
              null,
              null,
              finished ? null : "terminated after " + Math.round(seconds) + " s"),
          Result.info(scenario, "parent: workflow tasks", parentTasks(runs).size(), "tasks"),
          Result.info(
              scenario,
              "parent: time in workflow tasks (sum)",
              parentTasks(runs).stream().mapToDouble(Double::doubleValue).sum() / 1000,
              "s"),
          new Result(
              scenario,
              "pods started per second",
              pods / Math.max(startSpan, 1e-3),
              "pods/s",
              PODS_PER_SECOND,
              null,
              pods + " pods"),
          new Result(
              scenario,
              "largest history",
              (double) stats.largestRun(),
              "events",
              LARGEST,
              null,
              "the workflow's runs and " + SAMPLED_CHILDREN + " of its children"),
          Result.info(scenario, "worker heap after GC at the end", heap, "MiB"));
    }
  }

  private static long firstToLastStart(Timeline timeline) {
    long first = Long.MAX_VALUE;
    long last = 0;
    for (String key : timeline.keys()) {
      for (Timeline.Span s : timeline.of(key).values()) {
        first = Math.min(first, s.startMicros());
        last = Math.max(last, s.startMicros());
      }
    }
    return last - first;
  }

  /** How long each of the parent's workflow tasks took, started to completed, in ms. */
  private static List<Double> parentTasks(List<List<HistoryEvent>> runs) {
    List<Double> tasks = new ArrayList<>();
    for (List<HistoryEvent> run : runs) {
      HistoryEvent started = null;
      for (HistoryEvent e : run) {
        if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) {
          started = e;
        } else if (e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED
            && started != null) {
          tasks.add(
              (Timestamps.toMicros(e.getEventTime()) - Timestamps.toMicros(started.getEventTime()))
                  / 1000.0);
          started = null;
        }
      }
    }
    return tasks;
  }

  /** The ids of the child workflows the runs started. */
  private static List<String> childIds(List<List<HistoryEvent>> runs) {
    List<String> ids = new ArrayList<>();
    for (List<HistoryEvent> run : runs) {
      for (HistoryEvent e : run) {
        if (e.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
          ids.add(e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId());
        }
      }
    }
    return ids;
  }
}
