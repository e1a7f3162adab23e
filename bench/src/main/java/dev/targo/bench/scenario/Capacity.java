package dev.targo.bench.scenario;

import dev.targo.bench.Bench;
import dev.targo.bench.BenchWorker;
import dev.targo.bench.Machine;
import dev.targo.bench.Result;
import dev.targo.bench.RetryRuns;
import dev.targo.bench.Runs;
import dev.targo.bench.Scenario;
import dev.targo.bench.Target;
import dev.targo.bench.TemporalServer;
import dev.targo.bench.fake.FakeExecutor;
import dev.targo.worker.runtime.WorkerRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Scenario 5: one worker with N attempts in flight at once, each waiting for a pod that does not
 * start (the fake executor holds it Pending, parking the attempt's virtual thread), for N = 1,000,
 * then 5,000, then 10,000 (workflows are added to the ones already waiting). At each level: the
 * worker's heap after a full GC, its live platform threads, and the Temporal API calls per attempt
 * so far (long polls left out). On a dev server of its own, thrown away with the waiting workflows;
 * the ramp has a time budget (3 minutes), and a level not reached in it is reported as far as it
 * got.
 */
public final class Capacity implements Scenario {
  static final Target HEAP = Target.atMost(1024);
  static final Target THREADS = Target.atMost(200);
  static final int STARTERS = 8;

  @Override
  public int number() {
    return 5;
  }

  @Override
  public String title() {
    return "capacity, N attempts waiting for their pods on one worker";
  }

  @Override
  public List<Result> run(Bench bench) throws Exception {
    return bench.onOwnServer("capacity", server -> run(bench, server));
  }

  private List<Result> run(Bench bench, TemporalServer server) throws Exception {
    int[] levels = bench.smoke() ? new int[] {50, 100} : new int[] {1_000, 5_000, 10_000};
    // The whole ramp is bounded so that the suite ends in its 15 minutes.
    Duration budget = Duration.ofSeconds(bench.size(120, 60));
    long scenarioDeadline = System.nanoTime() + budget.toNanos();
    int most = levels[levels.length - 1];
    // The hold outlasts the scenario: every attempt stays in flight until the server goes.
    FakeExecutor executor =
        new FakeExecutor(r -> FakeExecutor.Behaviour.HOLD, Duration.ofMinutes(60));
    List<Result> out = new ArrayList<>();
    ExecutorService starters = Executors.newFixedThreadPool(STARTERS);
    try (BenchWorker worker =
        BenchWorker.start(server, executor, new WorkerRuntime.Options(most + 100, 200, 600))) {
      double idleHeap = Machine.heapAfterGcMiB();
      out.add(Result.info("5 capacity, idle worker", "heap after GC", idleHeap, "MiB"));
      out.add(
          Result.info(
              "5 capacity, idle worker", "platform threads", Machine.platformThreads(), "threads"));
      String yaml = RetryRuns.yaml(0, null);
      int started = 0;
      for (int n : levels) {
        long t0 = System.nanoTime();
        List<Future<?>> starts = new ArrayList<>();
        for (int k = 0; k < STARTERS; k++) {
          List<String> ids = new ArrayList<>();
          for (String id : Runs.ids("c5", started, n)) {
            if (Math.floorMod(id.hashCode(), STARTERS) == k) {
              ids.add(id);
            }
          }
          if (!ids.isEmpty()) {
            starts.add(starters.submit(() -> Runs.startAll(worker, yaml, ids)));
          }
        }
        for (Future<?> f : starts) {
          f.get();
        }
        started = n;
        while (executor.held() < n && System.nanoTime() < scenarioDeadline) {
          Thread.sleep(200);
        }
        int held = executor.held();
        double seconds = (System.nanoTime() - t0) / 1e9;
        String scenario = "5 capacity, N = " + n;
        double heap = Machine.heapAfterGcMiB();
        int threads = Machine.platformThreads();
        long requests = worker.requests.total();
        bench.progress(
            scenario
                + ": "
                + held
                + " in flight after "
                + Math.round(seconds)
                + " s; heap "
                + Math.round(heap)
                + " MiB, "
                + threads
                + " platform threads, calls "
                + worker.requests.snapshot());
        String reached =
            held >= n
                ? null
                : "only " + held + " of " + n + " in flight when the " + budget + " budget ended";
        out.add(
            new Result(
                scenario,
                "attempts in flight",
                (double) held,
                "attempts",
                Target.atLeast(n),
                null,
                "reached in " + Math.round(seconds) + " s"));
        out.add(
            new Result(
                scenario,
                "heap after GC",
                heap,
                "MiB",
                n == most ? HEAP : null,
                null,
                Math.round((heap - idleHeap) * 1024 / Math.max(1, held))
                    + " KiB per attempt over the idle worker"));
        out.add(
            new Result(
                scenario,
                "platform threads",
                (double) threads,
                "threads",
                n == most ? THREADS : null,
                null,
                reached));
        out.add(
            new Result(
                scenario,
                "Temporal API calls per attempt",
                (double) requests / Math.max(1, held),
                "calls",
                null,
                null,
                "fake executor: no Kubernetes API; long polls not counted"));
        if (held < n) {
          break;
        }
      }
      if (server == bench.server()) {
        // The suite's own server (embedded): the waiting workflows end rather than linger.
        executor.releaseAll();
      }
    } finally {
      starters.shutdownNow();
    }
    return out;
  }
}
