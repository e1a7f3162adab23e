package dev.targo.worker.workflow.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.RetryStrategySpec.BackoffSpec;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import dev.targo.worker.workflow.WorkerSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The workflow's {@code spec.activeDeadlineSeconds}. */
class DeadlineWorkflowTest {
  private static final String WF = "deadline";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;

  @Test
  void deadlineDuringABackoffEndsTheRetryNodeWithoutAnotherAttempt() {
    harness = harnesses.start(new ScriptedExecutor(r -> Step.fail("node-1")));

    WorkflowStatus status =
        harness.runToEnd(
            Plans.run(
                WF,
                Plans.plan(
                    Plans.container(
                        "t",
                        Plans.strategy("3", null, new BackoffSpec("1h", null, null, null)),
                        "x"),
                    List.of(),
                    30L)));

    assertThat(harness.executor.requests()).hasSize(1);
    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    // Go's time.Time.String() of the deadline, as Argo prints it.
    assertThat(status.message())
        .matches(
            "retry exceeded workflow deadline"
                + " \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)? \\+0000 UTC");
    // Ends at the 30 s deadline, not after the 1 h backoff. The test server's clock also advances
    // with real time between skips, so a loaded machine adds a few seconds past the deadline.
    assertThat(Duration.between(status.startedAt(), status.finishedAt()))
        .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(45));
  }

  @Test
  void deadlineWhileThePodRunsFailsThePodNode() {
    WorkerSettings quickHeartbeats =
        new WorkerSettings(
            Duration.ofSeconds(3),
            Duration.ofDays(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            null,
            "default");
    harness =
        harnesses.start(
            new ScriptedExecutor(r -> Step.succeed("node-1").runningFor(Duration.ofSeconds(30))),
            quickHeartbeats);

    WorkflowStatus status =
        harness.runToEnd(Plans.run(WF, Plans.plan(Plans.container("t", null, "x"), List.of(), 2L)));

    NodeStatus pod = status.nodes().get(WF);
    assertThat(pod.phase()).isEqualTo(NodePhase.Failed);
    assertThat(pod.message()).isEqualTo("Step exceeded its deadline");
    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(status.message()).isEqualTo("Step exceeded its deadline");
  }

  @Test
  void podDeadlineIsBoundedByTheWorkflowsDeadline() {
    harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));

    harness.runToEnd(Plans.run(WF, Plans.plan(Plans.container("t", null, "x"), List.of(), 300L)));

    assertThat(harness.executor.requests().getFirst().activeDeadlineSeconds()).isEqualTo(300L);
  }
}
