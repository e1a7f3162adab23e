package dev.targo.worker.workflow.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.PodNames;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.Histories;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import io.temporal.api.enums.v1.EventType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The seed example (examples/retry-backoff.yaml) through the workflow, on workflow time. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetryBackoffWorkflowTest {
  private static final String WF = "retry-backoff-x7k2p";

  private Harness harness;
  private WorkflowStatus status;

  /** The seed runs once for the class: every attempt fails after 200 ms on a host of its own. */
  @BeforeAll
  void runSeedFailingEveryAttempt() {
    harness =
        new Harness(
            new ScriptedExecutor(
                r -> Step.fail("node-" + (r.attempt() + 1)).runningFor(Duration.ofMillis(200))));
    status =
        harness.runToEnd(
            Plans.run(WF, Plans.plan(Plans.container("retry-backoff", Plans.seedStrategy(), "x"))));
  }

  @AfterAll
  void close() {
    harness.close();
  }

  @Test
  void seedWaitsOneTwoFourEightSixteenSecondsThenStopsBeforeTheWindowEnds() {
    assertThat(Histories.timerDurations(harness.events(WF)))
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8),
            Duration.ofSeconds(16));
    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(status.message()).isEqualTo("Backoff would exceed max duration limit");
    assertThat(status.progress()).isEqualTo("0/6");
  }

  @Test
  void seedTimersSayHowLongAndBeforeWhichAttempt() {

    assertThat(Histories.summaries(harness.events(WF), EventType.EVENT_TYPE_TIMER_STARTED))
        .filteredOn(s -> s.startsWith("backoff "))
        .containsExactly(
            "backoff 1s before attempt 2 — attempt 1 Failed (exit 1) on node-1",
            "backoff 2s before attempt 3 — attempt 2 Failed (exit 1) on node-2",
            "backoff 4s before attempt 4 — attempt 3 Failed (exit 1) on node-3",
            "backoff 8s before attempt 5 — attempt 4 Failed (exit 1) on node-4",
            "backoff 16s before attempt 6 — attempt 5 Failed (exit 1) on node-5");
  }

  @Test
  void seedExcludesTheHostsOfEveryFailedAttempt() {

    assertThat(harness.executor.requests())
        .extracting(PodRequest::excludedHosts)
        .containsExactly(
            List.of(),
            List.of("node-1"),
            List.of("node-1", "node-2"),
            List.of("node-1", "node-2", "node-3"),
            List.of("node-1", "node-2", "node-3", "node-4"),
            List.of("node-1", "node-2", "node-3", "node-4", "node-5"));
  }

  @Test
  void seedActivitySummariesCountAttemptsAndNameExclusions() {

    assertThat(
            Histories.summaries(harness.events(WF), EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .stream()
                .filter(s -> !s.startsWith("delete pod "))
                .toList())
        .startsWith(
            "attempt 1/11 of retry-backoff",
            "attempt 2/11 of retry-backoff, excluding [node-1]",
            "attempt 3/11 of retry-backoff, excluding [node-1, node-2]");
  }

  @Test
  void seedAttemptsAreArgoPodNodesUnderTheRetryNode() {
    NodeStatus root = status.nodes().get(WF);
    assertThat(root.type()).isEqualTo(NodeType.Retry);
    assertThat(root.phase()).isEqualTo(NodePhase.Failed);
    assertThat(root.message()).isEqualTo("Backoff would exceed max duration limit");
    assertThat(root.children())
        .containsExactly(
            PodNames.nodeId(WF, WF + "(0)"),
            PodNames.nodeId(WF, WF + "(1)"),
            PodNames.nodeId(WF, WF + "(2)"),
            PodNames.nodeId(WF, WF + "(3)"),
            PodNames.nodeId(WF, WF + "(4)"),
            PodNames.nodeId(WF, WF + "(5)"));
    NodeStatus third = status.nodes().get(PodNames.nodeId(WF, WF + "(2)"));
    assertThat(third.name()).isEqualTo(WF + "(2)");
    assertThat(third.type()).isEqualTo(NodeType.Pod);
    assertThat(third.phase()).isEqualTo(NodePhase.Failed);
    assertThat(third.message()).isEqualTo("main: Error (exit code 1)");
    assertThat(third.hostNodeName()).isEqualTo("node-3");
    assertThat(third.podName()).isEqualTo(PodNames.podName(WF, WF + "(2)", "retry-backoff"));
  }

  @Test
  void consecutiveAttemptsStartAtLeastTheBackoffApart() {
    List<io.temporal.api.history.v1.HistoryEvent> scheduled =
        Histories.attempts(harness.events(WF));
    List<io.temporal.api.history.v1.HistoryEvent> completed =
        Histories.attemptEnds(harness.events(WF));

    assertThat(completed).hasSize(scheduled.size());
    for (int n = 1; n < scheduled.size(); n++) {
      long gapMillis =
          millis(scheduled.get(n).getEventTime()) - millis(completed.get(n - 1).getEventTime());
      assertThat(gapMillis).isGreaterThanOrEqualTo(1000L << (n - 1));
    }
  }

  private static long millis(com.google.protobuf.Timestamp t) {
    return t.getSeconds() * 1000 + t.getNanos() / 1_000_000;
  }
}
