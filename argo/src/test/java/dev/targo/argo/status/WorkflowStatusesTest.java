package dev.targo.argo.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.pod.AttemptOutcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status of a workflow whose entrypoint is a retried pod node, built by the node tree. */
class WorkflowStatusesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** A tree with retry node {@code wf} whose pod attempts ended with {@code phases}, in order. */
  private static NodeTree retryNode(NodePhase... phases) {
    NodeTree tree = new NodeTree("wf");
    tree.started("wf", "wf", NodeType.Retry, "t", T0);
    for (int n = 0; n < phases.length; n++) {
      String id = "wf-" + n;
      tree.startedPod(id, "wf(" + n + ")", "t", "p" + n, T0);
      tree.link(List.of("wf"), id);
      if (phases[n].fulfilled()) {
        tree.finishedPod(
            id, AttemptOutcome.ofPod(phases[n], "m" + n, 1, "node-1", T0, T0, "p" + n, null, null));
      }
    }
    return tree;
  }

  @Test
  void progressCountsEveryPodAttemptAndTheSucceededOnes() {
    assertThat(retryNode().status(NodePhase.Running, null, T0, null).progress()).isEqualTo("0/0");
    assertThat(retryNode(NodePhase.Pending).status(NodePhase.Running, null, T0, null).progress())
        .isEqualTo("0/1");
    assertThat(
            retryNode(NodePhase.Failed, NodePhase.Failed, NodePhase.Succeeded)
                .status(NodePhase.Succeeded, null, T0, T0.plusSeconds(30))
                .progress())
        .isEqualTo("1/3");
  }

  @Test
  void nodesAreKeyedByIdInCreationOrderWithArgosDisplayNames() {
    WorkflowStatus status =
        retryNode(NodePhase.Failed, NodePhase.Pending).status(NodePhase.Running, null, T0, null);

    assertThat(List.copyOf(status.nodes().keySet())).containsExactly("wf", "wf-0", "wf-1");
    assertThat(status.nodes().get("wf-1").displayName()).isEqualTo("wf(1)");
    assertThat(status.nodes().get("wf").children()).containsExactly("wf-0", "wf-1");
    assertThat(status.omittedNodes()).isNull();
  }

  @Test
  void droppedAttemptsStillCountInProgressAndAreReported() {
    NodePhase[] phases = new NodePhase[KeptAttempts.ATTEMPTS + 5];
    java.util.Arrays.fill(phases, NodePhase.Failed);
    phases[phases.length - 1] = NodePhase.Succeeded;
    NodeTree tree = retryNode(phases);
    List<String> attempts = tree.get("wf").children();
    int drop = KeptAttempts.toDrop(attempts.stream().map(a -> 1).toList());
    attempts.subList(0, drop).forEach(a -> tree.dropAttempt("wf", a));

    WorkflowStatus status = tree.status(NodePhase.Succeeded, null, T0, T0.plusSeconds(1));

    assertThat(drop).isEqualTo(6);
    assertThat(status.progress()).isEqualTo("1/" + phases.length);
    assertThat(status.omittedNodes()).isEqualTo(6);
    assertThat(status.nodes()).hasSize(KeptAttempts.ATTEMPTS);
  }

  @Test
  void singlePodNodeCountsAsOnePod() {
    NodeTree tree = new NodeTree("wf");
    tree.startedPod("wf", "wf", "t", "wf", T0);

    assertThat(tree.status(NodePhase.Running, null, T0, null).progress()).isEqualTo("0/1");
  }

  @Test
  void aWaitingMessageIsSetAndClearedOnTheRunningNode() {
    NodeTree tree = retryNode(NodePhase.Failed);

    tree.message("wf", "Backoff for 1 second");
    assertThat(tree.get("wf").message()).isEqualTo("Backoff for 1 second");
    assertThat(tree.get("wf").phase()).isEqualTo(NodePhase.Running);
    tree.message("wf", null);
    assertThat(tree.get("wf").message()).isNull();
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
