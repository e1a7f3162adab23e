package dev.targo.bench.scenario;

import dev.targo.bench.Bench;
import dev.targo.bench.BenchWorker;
import dev.targo.bench.Numbers;
import dev.targo.bench.Result;
import dev.targo.bench.RetryRuns;
import dev.targo.bench.Scenario;
import dev.targo.bench.Target;
import dev.targo.bench.fake.FakeExecutor;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 3: retries with a backoff of 1 s and of 5 s (factor 1), 100 of each (10 workflows × 10
 * retries), fake executor failing at once; how much longer than the configured backoff the next
 * attempt actually waited (next start − previous end − backoff, at the executor).
 */
public final class BackoffPrecision implements Scenario {
  static final Target P99 = Target.atMost(50);

  @Override
  public int number() {
    return 3;
  }

  @Override
  public String title() {
    return "backoff precision, 1 s and 5 s, 100 retries each";
  }

  @Override
  public List<Result> run(Bench bench) throws Exception {
    List<Result> out = new ArrayList<>();
    try (BenchWorker worker =
        BenchWorker.start(bench.server(), FakeExecutor.failingFirst(Integer.MAX_VALUE))) {
      for (int seconds : new int[] {1, 5}) {
        // 100 retries per backoff, not the 200: the suite stays in its 15 minutes.
        int workflows = bench.size(10, 2);
        int retries = bench.size(10, seconds == 1 ? 2 : 1);
        String scenario = "3 backoff " + seconds + " s";
        RetryRuns.Batch batch =
            RetryRuns.targo(
                bench,
                worker,
                "r3-" + seconds + "s",
                workflows,
                RetryRuns.yaml(retries, seconds + "s"),
                900);
        List<Double> late = new ArrayList<>();
        for (double gap : worker.timeline.reactionsMillis(batch.keys())) {
          late.add(gap - seconds * 1000.0);
        }
        bench.progress(
            scenario
                + ": "
                + late.size()
                + " retries in "
                + Math.round(batch.wallMillis())
                + " ms, earliest "
                + Numbers.format(late.stream().mapToDouble(d -> d).min().orElse(Double.NaN))
                + " ms");
        out.add(metric(scenario, "actual - configured wait p50", late, 50, null));
        out.add(metric(scenario, "actual - configured wait p99", late, 99, P99));
        out.add(
            new Result(
                scenario,
                "actual - configured wait max",
                Numbers.max(late),
                "ms",
                null,
                null,
                late.size() + " retries"));
      }
    }
    return out;
  }

  private static Result metric(
      String scenario, String metric, List<Double> values, double p, Target target) {
    return new Result(scenario, metric, Numbers.percentile(values, p), "ms", target, null, null);
  }
}
