package dev.targo.argo.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.pod.AttemptOutcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateNodeStateTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static NodeStatus attempt(int n) {
    return PodNodes.created("wf-" + n, "wf(" + n + ")", "t", "wf-t-" + n, T0.plusSeconds(n));
  }

  private static AttemptOutcome failed(int n) {
    return new AttemptOutcome(
        NodePhase.Failed,
        "main: Error (exit code 1)",
        1,
        "node-" + n,
        T0.plusSeconds(n),
        T0.plusSeconds(n + 1),
        false,
        "wf-t-" + n,
        null);
  }

  @Test
  void retryNodeListsItselfThenItsAttemptsAsChildren() {
    TemplateNodeState state =
        TemplateNodeState.started("wf", "wf", "t", true, T0)
            .withAttemptCreated(attempt(0))
            .withAttemptCreated(attempt(1));

    List<NodeStatus> nodes = state.nodes();

    assertThat(nodes).extracting(NodeStatus::id).containsExactly("wf", "wf-0", "wf-1");
    assertThat(nodes.getFirst().type()).isEqualTo(NodeType.Retry);
    assertThat(nodes.getFirst().children()).containsExactly("wf-0", "wf-1");
    assertThat(nodes.getFirst().phase()).isEqualTo(NodePhase.Running);
  }

  @Test
  void podNodeWithoutRetryStrategyIsTheOnlyNode() {
    NodeStatus pod = PodNodes.created("wf", "wf", "t", "wf", T0);
    TemplateNodeState state =
        TemplateNodeState.started("wf", "wf", "t", false, T0).withAttemptCreated(pod);

    assertThat(state.nodes()).containsExactly(pod);
  }

  @Test
  void podNodeBeforeItsAttemptIsAPodTypeNodeWithoutPod() {
    TemplateNodeState state =
        TemplateNodeState.started("wf", "wf", "t", false, T0).finished(NodePhase.Error, "bad", T0);

    NodeStatus only = state.nodes().getFirst();
    assertThat(only.type()).isEqualTo(NodeType.Pod);
    assertThat(only.phase()).isEqualTo(NodePhase.Error);
    assertThat(only.message()).isEqualTo("bad");
    assertThat(only.podName()).isNull();
  }

  @Test
  void startingAnAttemptClearsTheBackoffMessage() {
    TemplateNodeState waiting =
        TemplateNodeState.started("wf", "wf", "t", true, T0)
            .withAttemptCreated(attempt(0))
            .waiting("Backoff for 1 second");

    assertThat(waiting.node().message()).isEqualTo("Backoff for 1 second");
    assertThat(waiting.withAttemptCreated(attempt(1)).node().message()).isNull();
  }

  @Test
  void finishingCopiesTheLastAttemptsOutputsToTheRetryNode() {
    TemplateNodeState state =
        TemplateNodeState.started("wf", "wf", "t", true, T0).withAttemptCreated(attempt(0));
    state = state.withLastAttempt(PodNodes.finished(state.lastAttempt(), failed(0)));

    NodeStatus node = state.finished(NodePhase.Failed, "No more retries left", T0).node();

    assertThat(node.outputs()).isEqualTo(new NodeOutputs("1", null, List.of()));
    assertThat(node.message()).isEqualTo("No more retries left");
    assertThat(node.finishedAt()).isEqualTo(T0);
  }

  @Test
  void keepsOnlyTheMostRecentAttemptsAndCountsTheDroppedOnes() {
    TemplateNodeState state = TemplateNodeState.started("wf", "wf", "t", true, T0);
    for (int n = 0; n < TemplateNodeState.KEPT_ATTEMPTS + 7; n++) {
      state = state.withAttemptCreated(attempt(n));
    }

    assertThat(state.attempts()).hasSize(TemplateNodeState.KEPT_ATTEMPTS);
    assertThat(state.attempts().getFirst().id()).isEqualTo("wf-7");
    assertThat(state.omittedAttempts()).isEqualTo(7);
    assertThat(state.node().children()).hasSize(TemplateNodeState.KEPT_ATTEMPTS);
  }

  @Test
  void restoredStateGivesBackTheSameNodes() {
    TemplateNodeState state =
        TemplateNodeState.started("wf", "wf", "t", true, T0)
            .withAttemptCreated(attempt(0))
            .waiting("Backoff for 1 second");

    TemplateNodeState restored =
        TemplateNodeState.restored(state.node(), state.attempts(), state.omittedAttempts());

    assertThat(restored).isEqualTo(state);
  }
}
