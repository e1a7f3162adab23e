package dev.targo.bench.scenario;

import dev.targo.bench.BenchWorker;
import dev.targo.bench.HistoryStats;
import dev.targo.bench.Numbers;
import dev.targo.bench.Result;
import dev.targo.bench.RetryRuns;
import dev.targo.bench.Runs;
import dev.targo.bench.Target;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.ArrayList;
import java.util.List;

/** Reaction latency figures shared by scenarios 1–3: percentiles, breakdown, history. */
final class Reaction {
  private Reaction() {}

  static final List<String> PARTS =
      List.of(
          "attempt end -> failure recorded",
          "workflow task dispatch",
          "workflow task on the worker",
          "next attempt dispatch");

  /** p50, p95, p99 and max of {@code gaps} (ms) as results, p50 and p99 against targets. */
  static List<Result> percentiles(
      String scenario, String what, List<Double> gaps, Target p50, Target p99) {
    List<Result> out = new ArrayList<>();
    out.add(result(scenario, what + " p50", Numbers.percentile(gaps, 50), p50));
    out.add(result(scenario, what + " p95", Numbers.percentile(gaps, 95), null));
    out.add(result(scenario, what + " p99", Numbers.percentile(gaps, 99), p99));
    out.add(result(scenario, what + " max", Numbers.max(gaps), null));
    return out;
  }

  private static Result result(String scenario, String metric, double value, Target target) {
    return new Result(scenario, metric, value, "ms", target, null, null);
  }

  /**
   * Where the time between attempts went (p50 of each part) and the history's size, read from the
   * histories of the batch's workflows.
   */
  static List<Result> breakdown(
      String scenario, BenchWorker worker, RetryRuns.Batch batch, int samples) {
    List<List<Double>> parts =
        List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    HistoryStats stats = HistoryStats.NONE;
    for (int i = 0; i < batch.ids().size(); i++) {
      List<List<HistoryEvent>> runs = Runs.runs(worker.client, batch.ids().get(i));
      stats = stats.plus(HistoryStats.of(runs));
      if (i < samples && runs.size() == 1) {
        List<List<Double>> p =
            HistoryStats.breakdown(runs.getFirst(), worker.timeline.of(batch.keys().get(i)));
        for (int k = 0; k < 4; k++) {
          parts.get(k).addAll(p.get(k));
        }
      }
    }
    List<Result> out = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      out.add(
          Result.info(
              scenario, "part p50: " + PARTS.get(k), Numbers.percentile(parts.get(k), 50), "ms"));
    }
    out.add(
        Result.info(
            scenario,
            "workflow task execution (SDK metric, mean)",
            worker.sdkTimerMeanMillis("temporal_workflow_task_execution_latency"),
            "ms"));
    out.add(
        Result.info(
            scenario,
            "history events per attempt",
            (double) stats.events() / Math.max(1, stats.attempts()),
            "events"));
    out.add(
        Result.of(
            scenario,
            "failed workflow tasks (deadlock detector on a cold worker…)",
            stats.failedWorkflowTasks(),
            "tasks",
            Target.atMost(0)));
    return out;
  }
}
