package dev.targo.bench.scenario;

import dev.targo.bench.Bench;
import dev.targo.bench.BenchWorker;
import dev.targo.bench.HistoryStats;
import dev.targo.bench.Result;
import dev.targo.bench.Runs;
import dev.targo.bench.Scenario;
import dev.targo.bench.Target;
import dev.targo.bench.fake.FakeExecutor;
import io.temporal.client.WorkflowStub;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 6: how much history an attempt costs. The seed example ({@code
 * examples/retry-backoff.yaml}, its first three attempts failing, the fourth succeeding) and a pod
 * retried with {@code retryStrategy: {}} (no limit) until 2,000 attempts have run, split into
 * chains of 250 (each continues as new every 100 attempts, as one chain of 2,000 would) so that the
 * scenario fits in the suite's time; fake executor. Events and bytes per attempt over every run of
 * every chain, and the largest single run.
 */
public final class HistorySize implements Scenario {
  static final Target PER_ATTEMPT = Target.atMost(12);
  static final Target LARGEST = Target.atMost(10_000);
  static final int SEED_FAILURES = 3;

  @Override
  public int number() {
    return 6;
  }

  @Override
  public String title() {
    return "history per attempt: the seed example, and retryStrategy: {} over 2,000 attempts";
  }

  static String unlimited() {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: unlimited-
        spec:
          entrypoint: attempt
          templates:
          - name: attempt
            retryStrategy: {}
            container:
              image: alpine:3.20
              command: [sh, -c, "exit 1"]
        """;
  }

  @Override
  public List<Result> run(Bench bench) throws Exception {
    int chains = bench.size(8, 1);
    int perChain = bench.size(250, 30);
    FakeExecutor executor =
        FakeExecutor.of(
            r -> {
              int failures = r.workflowName().startsWith("h6-seed") ? SEED_FAILURES : perChain - 1;
              return r.attempt() < failures
                  ? FakeExecutor.Behaviour.FAIL
                  : FakeExecutor.Behaviour.SUCCEED;
            });
    String seed =
        Files.readString(bench.projectRoot().resolve("examples").resolve("retry-backoff.yaml"));
    List<Result> out = new ArrayList<>();
    try (BenchWorker worker = BenchWorker.start(bench.server(), executor)) {
      List<String> seedIds = List.of("h6-seed");
      List<String> chainIds = Runs.ids("h6-unlimited", 0, chains);
      List<WorkflowStub> stubs = new ArrayList<>(Runs.startAll(worker, seed, seedIds));
      stubs.addAll(Runs.startAll(worker, unlimited(), chainIds));
      long t0 = System.nanoTime();
      Runs.awaitAll(stubs, 1800);
      bench.progress(
          "6 history: "
              + worker.timeline.attempts()
              + " attempts in "
              + Math.round((System.nanoTime() - t0) / 1e6)
              + " ms");
      out.addAll(figures("6 history, seed example", worker, seedIds));
      out.addAll(figures("6 history, retryStrategy: {} x " + chains * perChain, worker, chainIds));
    }
    return out;
  }

  private static List<Result> figures(String scenario, BenchWorker worker, List<String> ids) {
    HistoryStats stats = HistoryStats.NONE;
    int runs = 0;
    for (String id : ids) {
      List<List<io.temporal.api.history.v1.HistoryEvent>> r = Runs.runs(worker.client, id);
      runs += r.size();
      stats = stats.plus(HistoryStats.of(r));
    }
    double attempts = Math.max(1, stats.attempts());
    return List.of(
        new Result(
            scenario,
            "history events per attempt",
            stats.events() / attempts,
            "events",
            PER_ATTEMPT,
            null,
            stats.attempts() + " attempts, " + runs + " runs"),
        Result.info(scenario, "history bytes per attempt", stats.bytes() / attempts, "bytes"),
        Result.of(scenario, "largest run's history", stats.largestRun(), "events", LARGEST));
  }
}
