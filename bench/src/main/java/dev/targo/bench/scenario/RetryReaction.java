package dev.targo.bench.scenario;

import dev.targo.bench.Bench;
import dev.targo.bench.BenchWorker;
import dev.targo.bench.Result;
import dev.targo.bench.RetryRuns;
import dev.targo.bench.Scenario;
import dev.targo.bench.Target;
import dev.targo.bench.fake.FakeExecutor;
import dev.targo.worker.executor.PodExecutor;
import dev.targo.worker.executor.local.LocalExecutor;
import dev.targo.worker.executor.local.LocalExecutorOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 1: 50 workflows × 20 failing attempts without backoff, started together on one worker;
 * the reaction latency (next attempt's start − previous attempt's end, at the executor) with a fake
 * executor that fails at once, then with the local executor running {@code sh -c "exit 1"}. The
 * fake leg also says where the time went, from the event times of the histories.
 */
public final class RetryReaction implements Scenario {
  static final Target P50 = Target.atMost(20);
  static final Target P99 = Target.atMost(100);

  @Override
  public int number() {
    return 1;
  }

  @Override
  public String title() {
    return "reaction latency, 50 workflows x 20 failing attempts, zero backoff";
  }

  @Override
  public List<Result> run(Bench bench) throws Exception {
    int workflows = bench.size(50, 4);
    int attempts = bench.size(20, 5);
    List<Result> out = new ArrayList<>();
    String fake = "1 reaction, fake executor";
    try (BenchWorker worker =
        BenchWorker.start(bench.server(), FakeExecutor.failingFirst(Integer.MAX_VALUE))) {
      RetryRuns.Batch batch =
          RetryRuns.targo(
              bench, worker, "r1-fake", workflows, RetryRuns.yaml(attempts - 1, null), 900);
      bench.progress(
          fake
              + ": "
              + worker.timeline.attempts()
              + " attempts in "
              + Math.round(batch.wallMillis())
              + " ms");
      out.addAll(
          Reaction.percentiles(
              fake, "reaction", worker.timeline.reactionsMillis(batch.keys()), P50, P99));
      out.addAll(Reaction.breakdown(fake, worker, batch, batch.ids().size()));
    }
    // The local leg at the first measurement (20 x 20): the suite stays in its 15 minutes.
    int localWorkflows = bench.size(20, 4);
    String local = "1 reaction, local executor";
    try (PodExecutor executor =
            new LocalExecutor(
                LocalExecutorOptions.defaults()
                    .withStateDir(bench.workDir().resolve("local-pods")));
        BenchWorker worker = BenchWorker.start(bench.server(), executor)) {
      RetryRuns.Batch batch =
          RetryRuns.targo(
              bench, worker, "r1-local", localWorkflows, RetryRuns.yaml(attempts - 1, null), 900);
      bench.progress(
          local
              + ": "
              + worker.timeline.attempts()
              + " attempts in "
              + Math.round(batch.wallMillis())
              + " ms");
      out.addAll(
          Reaction.percentiles(
              local, "reaction", worker.timeline.reactionsMillis(batch.keys()), P50, P99));
    }
    out.add(
        Result.skipped(
            "1 reaction, kubernetes executor",
            "reaction p50",
            P50,
            "not run by the suite: needs the control plane of scripts/kube-up (see docs/BENCHMARKS.md)"));
    return out;
  }
}
