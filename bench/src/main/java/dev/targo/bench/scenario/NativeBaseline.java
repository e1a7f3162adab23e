package dev.targo.bench.scenario;

import dev.targo.bench.Bench;
import dev.targo.bench.BenchWorker;
import dev.targo.bench.Numbers;
import dev.targo.bench.Result;
import dev.targo.bench.RetryRuns;
import dev.targo.bench.Scenario;
import dev.targo.bench.Target;
import dev.targo.bench.TemporalServer;
import dev.targo.bench.fake.FakeExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Scenario 2: the attempts of scenario 1 through targo and through a hand-written workflow with a
 * native activity {@code RetryPolicy} (1 ms initial interval, coefficient 1), on the same worker
 * and server, one after the other. Then again on a dev server tuned with two dynamic-config values
 * that only an operator can set: eager activity dispatch on (which the Java SDK already requests),
 * and the timer queue's look-ahead shift lowered (the ~1 s floor of native retries, see
 * docs/BENCHMARKS.md).
 */
public final class NativeBaseline implements Scenario {
  static final Target RATIO = Target.atMost(1.5);

  /** The dev server's dynamic config for the tuned leg: keys to JSON values. */
  public static SortedMap<String, String> tuned() {
    SortedMap<String, String> config = new TreeMap<>();
    config.put("system.enableActivityEagerExecution", "true");
    config.put("history.timerProcessorMaxTimeShift", "\"10ms\"");
    return config;
  }

  @Override
  public int number() {
    return 2;
  }

  @Override
  public String title() {
    return "the same attempts through Temporal's native activity RetryPolicy";
  }

  @Override
  public List<Result> run(Bench bench) throws Exception {
    List<Result> out = new ArrayList<>(leg(bench, bench.server(), "2 targo vs native", 50));
    if (bench.server().kind().equals("dev") && !bench.smoke()) {
      try (TemporalServer tuned = TemporalServer.dev(bench.workDir().resolve("tuned"), tuned())) {
        // 20 workflows: the suite stays in its 15 minutes.
        out.addAll(leg(bench, tuned, "2 targo vs native, tuned dev server", 20));
      }
    }
    return out;
  }

  private static List<Result> leg(
      Bench bench, TemporalServer server, String scenario, int fullWorkflows) throws Exception {
    int workflows = bench.size(fullWorkflows, 4);
    int attempts = bench.size(20, 5);
    try (BenchWorker worker =
        BenchWorker.start(server, FakeExecutor.failingFirst(Integer.MAX_VALUE))) {
      String prefix = "r2-" + server.address().replace(':', '-');
      RetryRuns.SideBySide runs =
          RetryRuns.sideBySide(bench, worker, scenario, prefix, workflows, attempts);
      List<Double> t = worker.timeline.reactionsMillis(runs.targo().keys());
      List<Double> n = worker.timeline.reactionsMillis(runs.nativeRetries().keys());
      List<Result> out = new ArrayList<>();
      for (double p : new double[] {50, 95, 99}) {
        double tv = Numbers.percentile(t, p);
        double nv = Numbers.percentile(n, p);
        out.add(
            new Result(
                scenario, "targo reaction p" + (int) p, tv, "ms", null, nv, "baseline = native"));
      }
      double tp = Numbers.percentile(t, 50);
      double np = Numbers.percentile(n, 50);
      out.add(new Result(scenario, "ratio targo/native p50", tp / np, "x", RATIO, null, null));
      out.add(
          new Result(
              scenario,
              "ratio targo/native p99",
              Numbers.percentile(t, 99) / Numbers.percentile(n, 99),
              "x",
              RATIO,
              null,
              null));
      return out;
    }
  }
}
