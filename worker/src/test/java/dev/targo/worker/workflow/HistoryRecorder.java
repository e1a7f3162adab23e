package dev.targo.worker.workflow;

import dev.targo.api.plan.RetryStrategySpec;
import dev.targo.worker.workflow.ScriptedExecutor.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records the histories {@link ReplayTest} replays. Run once, on purpose, after a change of the
 * workflow that is meant to change its commands, and commit the files: {@code ./mvnw -pl worker -am
 * test -Dtest=HistoryRecorder -Dtargo.recordHistories=true
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "targo.recordHistories", matches = "true")
class HistoryRecorder {
  static final Path DIR = Path.of("src/test/resources/histories");

  @Test
  void recordSeedFailingEveryAttempt() throws IOException {
    try (Harness harness =
        new Harness(
            new ScriptedExecutor(
                r -> Step.fail("node-" + (r.attempt() + 1)).runningFor(Duration.ofMillis(50))))) {
      harness.runToEnd(
          Plans.run(
              "retry-backoff-x7k2p",
              Plans.plan(Plans.container("retry-backoff", Plans.seedStrategy(), "x"))));
      write(harness, "retry-backoff-x7k2p", "seed-fails-every-attempt.json");
    }
  }

  @Test
  void recordSucceedingOnTheThirdAttempt() throws IOException {
    try (Harness harness = new Harness(ScriptedExecutor.failingUntil(2))) {
      harness.runToEnd(
          Plans.run(
              "flaky",
              Plans.plan(
                  Plans.container(
                      "flaky",
                      new RetryStrategySpec(
                          "10",
                          null,
                          new RetryStrategySpec.BackoffSpec("5", "2", null, null),
                          true,
                          null),
                      "exit {{retries}}"))));
      write(harness, "flaky", "succeeds-on-third-attempt.json");
    }
  }

  private static void write(Harness harness, String id, String file) throws IOException {
    Files.createDirectories(DIR);
    Files.writeString(DIR.resolve(file), harness.runs(id).getFirst().toJson(true));
  }
}
