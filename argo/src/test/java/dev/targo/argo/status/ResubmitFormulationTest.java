package dev.targo.argo.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.PodNames;
import dev.targo.argo.status.ResubmitFormulation.Formulated;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link ResubmitFormulation} against Argo's own cases of {@code FormulateResubmitWorkflow} in
 * memoized mode: {@code TestResubmitWorkflowWithOnExit} ({@code workflow/util/util_test.go}), the
 * workflow of the e2e test {@code TestWorkflowResubmitDAGWithDependencies} ({@code
 * test/e2e/cli_test.go}, {@code testdata/resubmit-dag-with-dependencies.yaml}) and the refusal of a
 * workflow that is not Failed or Error; then targo's shapes (steps with a retried step, a Skipped
 * node with a succeeded node below it).
 */
class ResubmitFormulationTest {
  private static final Instant THEN = Instant.parse("2026-01-01T00:00:00Z");
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  private static NodeStatus node(
      String wf,
      String name,
      NodeType type,
      NodePhase phase,
      String boundary,
      NodeOutputs outputs,
      String... children) {
    return new NodeStatus(
        PodNames.nodeId(wf, name),
        name,
        name.substring(name.lastIndexOf('.') + 1),
        type,
        "t",
        phase,
        phase.failedOrError() ? "failed" : null,
        THEN,
        THEN.plusSeconds(60),
        type == NodeType.Pod ? "host-1" : null,
        List.of(children),
        outputs,
        type == NodeType.Pod ? "pod-" + name : null,
        null,
        boundary,
        null);
  }

  private static Map<String, NodeStatus> nodes(NodeStatus... nodes) {
    Map<String, NodeStatus> map = new LinkedHashMap<>();
    for (NodeStatus n : nodes) {
      map.put(n.id(), n);
    }
    return map;
  }

  private static String id(String wf, String name) {
    return PodNames.nodeId(wf, name);
  }

  @Test
  void onlyAFailedOrErrorWorkflowIsResubmittedInMemoizedModeWithArgosWords() {
    assertThat(ResubmitFormulation.refusal(NodePhase.Failed)).isNull();
    assertThat(ResubmitFormulation.refusal(NodePhase.Error)).isNull();
    for (NodePhase phase : List.of(NodePhase.Succeeded, NodePhase.Running, NodePhase.Pending)) {
      assertThat(ResubmitFormulation.refusal(phase))
          .isEqualTo("workflow must be Failed/Error to resubmit in memoized mode");
    }
  }

  /** Argo's {@code TestResubmitWorkflowWithOnExit}: a succeeded exit handler is not carried. */
  @Test
  void theExitHandlerIsNotCarriedOverEvenWhenItSucceeded() {
    String wf = "test-wf";
    Map<String, NodeStatus> old =
        nodes(node(wf, wf + ".onExit", NodeType.Pod, NodePhase.Succeeded, null, null));

    Formulated f = ResubmitFormulation.formulate(wf, old, "test-wf-abcde", NOW);

    assertThat(f.nodes()).doesNotContainKey(id("test-wf-abcde", "test-wf-abcde.onExit"));
    assertThat(f.nodes()).isEmpty();
    assertThat(f.retained()).isEmpty();
  }

  /**
   * Argo's e2e {@code TestWorkflowResubmitDAGWithDependencies}: A succeeded, B failed, C and D were
   * omitted. A is carried over as Skipped with its original pod in the message and keeps its
   * outputs; B and the DAG run again; C and D (Skipped nodes with no succeeded node below) go.
   */
  @Test
  void aSucceededPodIsCarriedOverAsSkippedAndTheFailedOneRunsAgain() {
    String wf = "resubmit-dag-with-dependencies-x1y2z";
    String next = "resubmit-dag-with-dependencies-abcde";
    NodeOutputs out = new NodeOutputs("0", "a's result", List.of());
    Map<String, NodeStatus> old =
        nodes(
            node(wf, wf, NodeType.DAG, NodePhase.Failed, null, null, id(wf, wf + ".A")),
            node(wf, wf + ".A", NodeType.Pod, NodePhase.Succeeded, wf, out, id(wf, wf + ".B")),
            node(wf, wf + ".B", NodeType.Pod, NodePhase.Failed, wf, null, id(wf, wf + ".C")),
            node(wf, wf + ".C", NodeType.Skipped, NodePhase.Omitted, wf, null, id(wf, wf + ".D")),
            node(wf, wf + ".D", NodeType.Skipped, NodePhase.Omitted, wf, null));

    Formulated f = ResubmitFormulation.formulate(wf, old, next, NOW);

    assertThat(f.nodes().keySet())
        .containsExactly(next, id(next, next + ".A"), id(next, next + ".B"));
    NodeStatus root = f.nodes().get(next);
    assertThat(root.phase()).isEqualTo(NodePhase.Pending);
    assertThat(root.type()).isEqualTo(NodeType.DAG);
    assertThat(root.message()).isNull();
    assertThat(root.children()).containsExactly(id(next, next + ".A"));
    NodeStatus a = f.nodes().get(id(next, next + ".A"));
    assertThat(a.name()).isEqualTo(next + ".A");
    assertThat(a.displayName()).isEqualTo("A");
    assertThat(a.type()).isEqualTo(NodeType.Skipped);
    assertThat(a.phase()).isEqualTo(NodePhase.Skipped);
    assertThat(a.message()).isEqualTo("original pod: " + id(wf, wf + ".A"));
    assertThat(a.outputs()).isEqualTo(out);
    assertThat(a.startedAt()).isEqualTo(NOW);
    assertThat(a.finishedAt()).isEqualTo(NOW);
    assertThat(a.boundaryID()).isEqualTo(next);
    assertThat(a.podName()).isNull();
    assertThat(a.children()).containsExactly(id(next, next + ".B"));
    NodeStatus b = f.nodes().get(id(next, next + ".B"));
    assertThat(b.phase()).isEqualTo(NodePhase.Pending);
    assertThat(b.type()).isEqualTo(NodeType.Pod);
    assertThat(b.message()).isNull();
    assertThat(b.startedAt()).isNull();
    assertThat(b.finishedAt()).isNull();
    // C was dropped; B still names it, as in Argo, and the retained nodes name no dropped node.
    assertThat(b.children()).containsExactly(id(next, next + ".C"));
    assertThat(f.retained()).containsExactly(a.withChildren(List.of()));
  }

  /**
   * Steps whose first step succeeded on its second attempt and whose second step failed: the Retry
   * node is settled Succeeded with its last attempt's outputs (Argo's {@code processNodeRetries} on
   * the Pending node), keeping that attempt only; the steps and groups run again.
   */
  @Test
  void aRetryNodeWhoseLastAttemptIsCarriedOverIsKeptSucceededWithItsOutputs() {
    String wf = "steps-old";
    String next = "steps-new";
    NodeOutputs out = new NodeOutputs("0", "stamp", List.of());
    Map<String, NodeStatus> old =
        nodes(
            node(wf, wf, NodeType.Steps, NodePhase.Failed, null, null, id(wf, wf + "[0]")),
            node(
                wf,
                wf + "[0]",
                NodeType.StepGroup,
                NodePhase.Succeeded,
                wf,
                null,
                id(wf, wf + "[0].a")),
            node(
                wf,
                wf + "[0].a",
                NodeType.Retry,
                NodePhase.Succeeded,
                wf,
                out,
                id(wf, wf + "[0].a(0)"),
                id(wf, wf + "[0].a(1)")),
            node(wf, wf + "[0].a(0)", NodeType.Pod, NodePhase.Failed, wf, null),
            node(
                wf,
                wf + "[0].a(1)",
                NodeType.Pod,
                NodePhase.Succeeded,
                wf,
                out,
                id(wf, wf + "[1]")),
            node(
                wf,
                wf + "[1]",
                NodeType.StepGroup,
                NodePhase.Failed,
                wf,
                null,
                id(wf, wf + "[1].b")),
            node(wf, wf + "[1].b", NodeType.Pod, NodePhase.Failed, wf, null));

    Formulated f = ResubmitFormulation.formulate(wf, old, next, NOW);

    assertThat(f.nodes()).hasSize(7);
    assertThat(f.nodes().get(id(next, next + "[0].a")).phase()).isEqualTo(NodePhase.Pending);
    List<NodeStatus> kept = f.retained();
    assertThat(kept)
        .extracting(NodeStatus::name)
        .containsExactly(next + "[0].a", next + "[0].a(1)");
    NodeStatus retry = kept.get(0);
    assertThat(retry.id()).isEqualTo(id(next, next + "[0].a"));
    assertThat(retry.type()).isEqualTo(NodeType.Retry);
    assertThat(retry.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(retry.outputs()).isEqualTo(out);
    assertThat(retry.children()).containsExactly(id(next, next + "[0].a(1)"));
    assertThat(retry.boundaryID()).isEqualTo(next);
    NodeStatus attempt = kept.get(1);
    assertThat(attempt.phase()).isEqualTo(NodePhase.Skipped);
    assertThat(attempt.message()).isEqualTo("original pod: " + id(wf, wf + "[0].a(1)"));
    assertThat(attempt.children()).isEmpty();
  }

  /** A Retry node whose last attempt failed is not kept: the step runs again. */
  @Test
  void aRetryNodeWhoseLastAttemptFailedRunsAgain() {
    String wf = "r-old";
    Map<String, NodeStatus> old =
        nodes(
            node(
                wf,
                wf,
                NodeType.Retry,
                NodePhase.Failed,
                null,
                null,
                id(wf, wf + "(0)"),
                id(wf, wf + "(1)")),
            node(wf, wf + "(0)", NodeType.Pod, NodePhase.Succeeded, null, null),
            node(wf, wf + "(1)", NodeType.Pod, NodePhase.Failed, null, null));

    Formulated f = ResubmitFormulation.formulate(wf, old, "r-new", NOW);

    assertThat(f.retained()).extracting(NodeStatus::name).containsExactly("r-new(0)");
  }

  /**
   * Argo's {@code isDescendantNodeSucceeded}: a Skipped node with a succeeded node below it is not
   * dropped but Pending, so it runs again, and its pod below is carried over.
   */
  @Test
  void aSkippedNodeWithASucceededNodeBelowStaysAndRunsAgain() {
    String wf = "s-old";
    String next = "s-new";
    Map<String, NodeStatus> old =
        nodes(
            node(wf, wf, NodeType.Steps, NodePhase.Error, null, null, id(wf, wf + "[0]")),
            node(
                wf,
                wf + "[0]",
                NodeType.Skipped,
                NodePhase.Skipped,
                wf,
                null,
                id(wf, wf + "[0].x")),
            node(wf, wf + "[0].x", NodeType.Pod, NodePhase.Succeeded, wf, null));

    Formulated f = ResubmitFormulation.formulate(wf, old, next, NOW);

    NodeStatus skipped = f.nodes().get(id(next, next + "[0]"));
    assertThat(skipped.phase()).isEqualTo(NodePhase.Pending);
    assertThat(skipped.type()).isEqualTo(NodeType.Skipped);
    assertThat(skipped.children()).containsExactly(id(next, next + "[0].x"));
    assertThat(f.retained()).extracting(NodeStatus::name).containsExactly(next + "[0].x");
  }
}
