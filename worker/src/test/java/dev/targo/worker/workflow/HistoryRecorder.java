package dev.targo.worker.workflow;

import dev.targo.argo.plan.RetryStrategySpec;
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

  @Test
  void recordRetriedStepsAtTheRoot() throws IOException {
    try (Harness harness = new Harness(failingFirstTwoStepsAttempts())) {
      harness.runToEnd(Plans.run("retried-steps", retriedStepsPlan(false)));
      write(harness, "retried-steps", "retried-steps-root.json");
    }
  }

  @Test
  void recordRetriedStepsInAChildWorkflow() throws IOException {
    try (Harness harness = new Harness(failingFirstTwoStepsAttempts())) {
      harness.runToEnd(Plans.run("retried-steps", retriedStepsPlan(true)));
      write(harness, "retried-steps/retried-steps[0].group", "retried-steps-child.json");
    }
  }

  /** Step {@code a} fails under the first two attempts of the retried steps template. */
  private static ScriptedExecutor failingFirstTwoStepsAttempts() {
    return new ScriptedExecutor(
        r ->
            r.nodeName().contains("(0)") || r.nodeName().contains("(1)")
                ? Step.fail("node-1")
                : Step.succeed("node-2"));
  }

  /**
   * A steps template retried with a 1s backoff, running {@code a} then {@code b}; at the root, or
   * called by an outer steps template (so that it runs in a child workflow).
   */
  static dev.targo.argo.plan.WorkflowPlan retriedStepsPlan(boolean nested) {
    dev.targo.argo.plan.Template group =
        FlowPlans.steps(
            "group",
            Plans.strategy("3", "Always", new RetryStrategySpec.BackoffSpec("1", null, null, null)),
            FlowPlans.group(FlowPlans.step("a", "work")),
            FlowPlans.group(FlowPlans.step("b", "work")));
    dev.targo.argo.plan.Template work = Plans.container("work", null, "work");
    if (!nested) {
      return FlowPlans.plan(group, work);
    }
    dev.targo.argo.plan.Template outer =
        FlowPlans.steps("outer", null, FlowPlans.group(FlowPlans.step("group", "group")));
    return FlowPlans.plan(outer, group, work);
  }

  private static void write(Harness harness, String id, String file) throws IOException {
    Files.createDirectories(DIR);
    Files.writeString(DIR.resolve(file), harness.runs(id).getFirst().toJson(true));
  }
}
