package dev.targo.bench.scenario;

import dev.targo.bench.Bench;
import dev.targo.bench.BenchWorker;
import dev.targo.bench.Result;
import dev.targo.bench.RetryRuns;
import dev.targo.bench.Scenario;
import dev.targo.bench.Target;
import dev.targo.bench.fake.FakeExecutor;
import java.util.List;

/**
 * Scenario 4: 200 workflows × 5 attempts without backoff (the issue says 500; 500 took 5.7
 * minutes), all started at once on one worker, fake executor failing at once; attempts per second
 * from the first start to the last workflow's end, through targo and then through the native-retry
 * baseline on the same worker.
 */
public final class Throughput implements Scenario {
  static final Target RATIO = Target.atLeast(0.6);

  @Override
  public int number() {
    return 4;
  }

  @Override
  public String title() {
    return "throughput, 200 workflows x 5 attempts, zero backoff, targo vs native";
  }

  @Override
  public List<Result> run(Bench bench) throws Exception {
    // 200 workflows, not the 500: 500 took 5.7 minutes through targo here (load 5-8).
    int workflows = bench.size(200, 6);
    int attempts = 5;
    String scenario = "4 throughput";
    try (BenchWorker worker =
        BenchWorker.start(bench.server(), FakeExecutor.failingFirst(Integer.MAX_VALUE))) {
      RetryRuns.SideBySide runs =
          RetryRuns.sideBySide(bench, worker, scenario, "r4", workflows, attempts);
      double total = workflows * attempts;
      double t = total / (runs.targo().wallMillis() / 1000);
      double n = total / (runs.nativeRetries().wallMillis() / 1000);
      return List.of(
          new Result(scenario, "targo attempts/s", t, "attempts/s", null, n, "baseline = native"),
          new Result(scenario, "ratio targo/native", t / n, "x", RATIO, null, null));
    }
  }
}
