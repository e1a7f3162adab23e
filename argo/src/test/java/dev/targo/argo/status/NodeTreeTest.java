package dev.targo.argo.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dropping a whole attempt of a retried steps node from the tree. */
class NodeTreeTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private NodeTree tree;

  /** {@code wf} retried twice; each attempt ran {@code ok} (Succeeded) then {@code bad}. */
  @BeforeEach
  void twoFailedAttempts() {
    tree = new NodeTree("wf");
    tree.started("wf", "wf", NodeType.Retry, "main", T0);
    for (int n = 0; n < 2; n++) {
      String attempt = "wf(" + n + ")";
      tree.started(attempt, attempt, NodeType.Steps, "main", T0);
      tree.link(List.of("wf"), attempt);
      tree.started(attempt + "[0]", attempt + "[0]", NodeType.StepGroup, "main", T0);
      tree.link(List.of(attempt), attempt + "[0]");
      pod(attempt + "[0].ok", NodePhase.Succeeded, List.of(attempt + "[0]"));
      tree.started(attempt + "[1]", attempt + "[1]", NodeType.StepGroup, "main", T0);
      tree.link(List.of(attempt + "[0].ok"), attempt + "[1]");
      pod(attempt + "[1].bad", NodePhase.Failed, List.of(attempt + "[1]"));
    }
    // The failed step was itself retried, and dropped 3 of its attempts.
    tree.omitted("wf(0)[1].bad", 3);
  }

  private void pod(String name, NodePhase phase, List<String> parents) {
    tree.put(
        new NodeStatus(
            name,
            name,
            name,
            NodeType.Pod,
            "work",
            phase,
            null,
            T0,
            T0,
            null,
            List.of(),
            null,
            null));
    tree.link(parents, name);
  }

  @Test
  void theSubtreeOfAnAttemptHoldsEveryNodeBelowIt() {
    assertThat(tree.subtree("wf(0)"))
        .containsExactlyInAnyOrder("wf(0)", "wf(0)[0]", "wf(0)[0].ok", "wf(0)[1]", "wf(0)[1].bad");
  }

  @Test
  void aDroppedAttemptLeavesTheTreeAndTheRetryNode() {
    tree.dropAttempt("wf", "wf(0)");

    assertThat(tree.nodes())
        .extracting(NodeStatus::id)
        .containsExactly("wf", "wf(1)", "wf(1)[0]", "wf(1)[0].ok", "wf(1)[1]", "wf(1)[1].bad");
    assertThat(tree.get("wf").children()).containsExactly("wf(1)");
  }

  @Test
  void theDroppedPodsStillCountInTheProgress() {
    WorkflowStatus before = tree.status(NodePhase.Running, null, T0, null);

    tree.dropAttempt("wf", "wf(0)");
    WorkflowStatus after = tree.status(NodePhase.Running, null, T0, null);

    assertThat(before.progress()).isEqualTo("2/7");
    assertThat(after.progress()).isEqualTo("2/7");
    assertThat(tree.omittedAttempts()).isEqualTo(5);
    assertThat(tree.omittedSucceeded()).isEqualTo(1);
    assertThat(after.omittedNodes()).isEqualTo(5);
  }

  @Test
  void theAttemptNodesAreEveryNodeBelowTheRetryNodeInCreationOrder() {
    assertThat(tree.attemptNodes("wf"))
        .extracting(NodeStatus::id)
        .containsExactly(
            "wf(0)",
            "wf(0)[0]",
            "wf(0)[0].ok",
            "wf(0)[1]",
            "wf(0)[1].bad",
            "wf(1)",
            "wf(1)[0]",
            "wf(1)[0].ok",
            "wf(1)[1]",
            "wf(1)[1].bad");
  }

  @Test
  void beforeItsNextAttemptARetryNodeKeepsItsNinetyNineMostRecentAttempts() {
    NodeTree pods = new NodeTree("p");
    pods.started("p", "p", NodeType.Retry, "t", T0);
    for (int n = 0; n < 101; n++) {
      pods.startedPod("p-" + n, "p(" + n + ")", "t", "p-" + n, T0);
      pods.link(List.of("p"), "p-" + n);
    }

    pods.dropOldAttempts("p");

    assertThat(pods.get("p").children()).hasSize(KeptAttempts.ATTEMPTS - 1).startsWith("p-2");
    assertThat(pods.omittedAttempts()).isEqualTo(2);
    pods.dropOldAttempts("p");
    assertThat(pods.get("p").children()).hasSize(KeptAttempts.ATTEMPTS - 1);
  }

  @Test
  void anAnnotatedDisplayNameReplacesTheNodeNamesOneAndOnlyOnItsNode() {
    NodeTree annotated = new NodeTree("wf");
    annotated.displayName("wf-1", "os-alpine-3.6");
    annotated.startedPod("wf-1", "wf[0].test(1:alpine)", "cat", "wf-cat-1", T0);
    annotated.startedPod("wf-2", "wf[0].test(2:debian)", "cat", "wf-cat-2", T0);
    annotated.finish("wf-1", NodePhase.Succeeded, null, null, T0);

    assertThat(annotated.nodes())
        .extracting(NodeStatus::displayName)
        .containsExactly("os-alpine-3.6", "test(2:debian)");
    // A node set again whole (a child workflow's subtree adopted) keeps its display name.
    annotated.put(annotated.get("wf-1").withDisplayName("test(1:alpine)"));
    assertThat(annotated.get("wf-1").displayName()).isEqualTo("os-alpine-3.6");
  }
}
