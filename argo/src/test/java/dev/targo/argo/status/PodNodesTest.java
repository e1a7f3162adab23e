package dev.targo.argo.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.pod.AttemptOutcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PodNodesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void createdNodeIsAPendingPodNamedLikeTheAttempt() {
    NodeStatus node = PodNodes.created("wf-123", "wf(2)", "retry-backoff", "wf-rb-123", T0);

    assertThat(node)
        .isEqualTo(
            new NodeStatus(
                "wf-123",
                "wf(2)",
                "wf(2)",
                NodeType.Pod,
                "retry-backoff",
                NodePhase.Pending,
                null,
                T0,
                null,
                null,
                List.of(),
                null,
                "wf-rb-123"));
  }

  @Test
  void aPodCreatedAgainBeforeItRanCountsItsRestartsAndOthersWriteNone() throws Exception {
    NodeStatus node = PodNodes.created("wf-1", "wf(0)", "t", "wf-t-1", T0);
    AttemptOutcome ran =
        AttemptOutcome.ofPod(
            NodePhase.Succeeded, null, 0, "node-2", T0, T0.plusSeconds(5), "wf-t-1", "", null);

    NodeStatus restarted = PodNodes.finished(node, ran.withFailedPodRestarts(2));
    NodeStatus plain = PodNodes.finished(node, ran.withFailedPodRestarts(0));

    assertThat(restarted.failedPodRestarts()).isEqualTo(2);
    assertThat(dev.targo.argo.Json.mapper().writeValueAsString(restarted))
        .contains("\"failedPodRestarts\":2");
    assertThat(plain.failedPodRestarts()).isNull();
    assertThat(dev.targo.argo.Json.mapper().writeValueAsString(plain))
        .doesNotContain("failedPodRestarts");
    assertThat(dev.targo.argo.Json.mapper().writeValueAsString(ran))
        .doesNotContain("failedPodRestarts");
  }

  @Test
  void finishedNodeTakesPhaseMessageHostExitCodeAndResultFromTheOutcome() {
    NodeStatus node = PodNodes.created("wf-1", "wf(0)", "t", "wf-t-1", T0);
    AttemptOutcome outcome =
        AttemptOutcome.ofPod(
            NodePhase.Failed,
            "main: Error (exit code 3)",
            3,
            "node-2",
            T0.plusSeconds(1),
            T0.plusSeconds(5),
            "wf-t-1",
            "hello",
            null);

    NodeStatus done = PodNodes.finished(node, outcome);

    assertThat(done.phase()).isEqualTo(NodePhase.Failed);
    assertThat(done.message()).isEqualTo("main: Error (exit code 3)");
    assertThat(done.hostNodeName()).isEqualTo("node-2");
    assertThat(done.startedAt()).isEqualTo(T0);
    assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(done.outputs()).isEqualTo(new NodeOutputs("3", "hello", List.of()));
  }

  @Test
  void finishedNodeHasNoOutputsWhenTheContainerNeverRan() {
    NodeStatus node = PodNodes.created("wf-1", "wf(0)", "t", "wf-t-1", T0);
    AttemptOutcome outcome = AttemptOutcome.error("pod deleted", "p", T0);

    assertThat(PodNodes.finished(node, outcome).outputs()).isNull();
  }
}
