package dev.targo.bench.scenario;

import dev.targo.bench.Bench;
import dev.targo.bench.Numbers;
import dev.targo.bench.Result;
import dev.targo.bench.Scenario;
import dev.targo.bench.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 9: the wall time of {@code ./targo run examples/retry-backoff.yaml} from the shell when
 * its first attempt succeeds (the example with its random exit code fixed at 0): JVM start, the
 * embedded Temporal server, the worker, the local executor running the pod, and the printed result.
 * One run first, unmeasured: it rebuilds a stale jar and writes the class-data archive {@code
 * ./targo} keeps for {@code run}, as a user's first run does.
 */
public final class RunStart implements Scenario {
  static final Target WALL = Target.atMost(3);
  static final String RANDOM_EXIT = "exit_code = random.choice([0, 1, 1])";

  @Override
  public int number() {
    return 9;
  }

  @Override
  public String title() {
    return "./targo run examples/retry-backoff.yaml, first attempt succeeding";
  }

  @Override
  public List<Result> run(Bench bench) throws Exception {
    String seed =
        Files.readString(bench.projectRoot().resolve("examples").resolve("retry-backoff.yaml"));
    if (!seed.contains(RANDOM_EXIT)) {
      throw new IllegalStateException("examples/retry-backoff.yaml no longer has " + RANDOM_EXIT);
    }
    Path file = bench.workDir().resolve("retry-backoff-succeeds.yaml");
    Files.writeString(file, seed.replace(RANDOM_EXIT, "exit_code = 0"));
    List<Double> walls = new ArrayList<>();
    for (int i = -1; i < bench.size(5, 1); i++) {
      long t0 = System.nanoTime();
      int rc = targo(bench, List.of("run", file.toString(), "--no-utf8"));
      double seconds = (System.nanoTime() - t0) / 1e9;
      if (rc != 0) {
        throw new IllegalStateException("./targo run exited with " + rc + ", not 0 (Succeeded)");
      }
      if (i >= 0) {
        walls.add(seconds);
      }
    }
    bench.progress("9 targo run: " + walls + " s");
    String scenario = "9 ./targo run, first attempt succeeds";
    return List.of(
        new Result(
            scenario,
            "wall time p50",
            Numbers.percentile(walls, 50),
            "s",
            WALL,
            null,
            walls.size() + " runs"),
        Result.info(scenario, "wall time min", walls.stream().min(Double::compare).get(), "s"));
  }

  private static int targo(Bench bench, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(bench.projectRoot().resolve("targo").toString());
    command.addAll(args);
    Process p =
        new ProcessBuilder(command)
            .directory(bench.projectRoot().toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(bench.workDir().resolve("targo-run.err").toFile())
            .start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("./targo " + args + " did not end in 15 minutes");
    }
    return p.exitValue();
  }
}
