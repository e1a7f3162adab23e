package dev.targo.argo.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.pod.AttemptOutcome;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkflowStatusesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A retry node whose attempts ended with {@code phases}, in order. */
  private static TemplateNodeState retryNode(NodePhase... phases) {
    TemplateNodeState state = TemplateNodeState.started("wf", "wf", "t", true, T0);
    for (int n = 0; n < phases.length; n++) {
      NodeStatus created = PodNodes.created("wf-" + n, "wf(" + n + ")", "t", "p" + n, T0);
      state = state.withAttemptCreated(created);
      if (phases[n].fulfilled()) {
        AttemptOutcome outcome =
            new AttemptOutcome(phases[n], "m" + n, 1, "node-1", T0, T0, false, "p" + n, null);
        state = state.withLastAttempt(PodNodes.finished(created, outcome));
      }
    }
    return state;
  }

  static Stream<Arguments> rows() {
    Instant end = T0.plusSeconds(30);
    return Stream.of(
        // root state, workflow phase, message, finishedAt, progress
        Arguments.of(retryNode(), NodePhase.Running, null, null, "0/0"),
        Arguments.of(retryNode(NodePhase.Pending), NodePhase.Running, null, null, "0/1"),
        Arguments.of(
            retryNode(NodePhase.Failed, NodePhase.Pending), NodePhase.Running, null, null, "0/2"),
        Arguments.of(
            retryNode(NodePhase.Failed, NodePhase.Failed, NodePhase.Succeeded)
                .finished(NodePhase.Succeeded, null, end),
            NodePhase.Succeeded,
            null,
            end,
            "1/3"),
        Arguments.of(
            retryNode(NodePhase.Failed, NodePhase.Failed)
                .finished(NodePhase.Failed, "No more retries left", end),
            NodePhase.Failed,
            "No more retries left",
            end,
            "0/2"),
        Arguments.of(
            retryNode(NodePhase.Error).finished(NodePhase.Error, "m0", end),
            NodePhase.Error,
            "m0",
            end,
            "0/1"),
        Arguments.of(
            retryNode(NodePhase.Failed).waiting("Backoff for 1 second"),
            NodePhase.Running,
            null,
            null,
            "0/1"));
  }

  @ParameterizedTest
  @MethodSource("rows")
  void workflowTakesPhaseMessageAndEndFromItsRootNode(
      TemplateNodeState root,
      NodePhase phase,
      String message,
      Instant finishedAt,
      String progress) {
    WorkflowStatus status = WorkflowStatuses.of(root, T0);

    assertThat(status.phase()).isEqualTo(phase);
    assertThat(status.message()).isEqualTo(message);
    assertThat(status.startedAt()).isEqualTo(T0);
    assertThat(status.finishedAt()).isEqualTo(finishedAt);
    assertThat(status.progress()).isEqualTo(progress);
  }

  @Test
  void nodesAreKeyedByIdInCreationOrder() {
    WorkflowStatus status = WorkflowStatuses.of(retryNode(NodePhase.Failed, NodePhase.Pending), T0);

    assertThat(status.nodes()).containsOnlyKeys("wf", "wf-0", "wf-1");
    assertThat(List.copyOf(status.nodes().keySet())).containsExactly("wf", "wf-0", "wf-1");
    assertThat(status.omittedNodes()).isNull();
  }

  @Test
  void droppedAttemptsStillCountInProgressAndAreReported() {
    NodePhase[] phases = new NodePhase[TemplateNodeState.KEPT_ATTEMPTS + 5];
    java.util.Arrays.fill(phases, NodePhase.Failed);
    phases[phases.length - 1] = NodePhase.Succeeded;

    WorkflowStatus status =
        WorkflowStatuses.of(
            retryNode(phases).finished(NodePhase.Succeeded, null, T0.plusSeconds(1)), T0);

    assertThat(status.progress()).isEqualTo("1/" + phases.length);
    assertThat(status.omittedNodes()).isEqualTo(5);
    assertThat(status.nodes()).hasSize(TemplateNodeState.KEPT_ATTEMPTS + 1);
  }

  @Test
  void singlePodNodeCountsAsOnePod() {
    NodeStatus pod = PodNodes.created("wf", "wf", "t", "wf", T0);
    TemplateNodeState root =
        TemplateNodeState.started("wf", "wf", "t", false, T0).withAttemptCreated(pod);

    assertThat(WorkflowStatuses.of(root, T0).progress()).isEqualTo("0/1");
  }

  @Test
  void invalidPlanIsAnErrorWithoutNodes() {
    WorkflowStatus status = WorkflowStatuses.error("template x not found", T0, T0);

    assertThat(status.phase()).isEqualTo(NodePhase.Error);
    assertThat(status.message()).isEqualTo("template x not found");
    assertThat(status.nodes()).isEmpty();
    assertThat(status.progress()).isEqualTo("0/0");
  }
}
