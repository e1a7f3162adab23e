package dev.targo.argo.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.argo.status.RetryFormulation.Formulated;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * {@link RetryFormulation} against the cases of Argo's own {@code TestFormulateRetryWorkflow}
 * ({@code workflow/util/util_test.go}), with their node ids, and targo's shapes (a failed retry
 * node below steps, loops with overridden parameters, the exit handler).
 */
class RetryFormulationTest {
  private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

  private static NodeStatus node(
      String id, NodeType type, NodePhase phase, String boundary, String... children) {
    return node(id, id, type, phase, boundary, children);
  }

  private static NodeStatus node(
      String id, String name, NodeType type, NodePhase phase, String boundary, String... children) {
    return new NodeStatus(
        id,
        name,
        name,
        type,
        "t",
        phase,
        phase.failedOrError() ? "failed" : null,
        Instant.parse("2026-01-01T00:00:00Z"),
        Instant.parse("2026-01-01T00:01:00Z"),
        null,
        List.of(children),
        null,
        type == NodeType.Pod ? "pod-" + id : null,
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

  /** Argo's nested DAG of its tests: node 2 of {@code type2}, pod 4 ended {@code phase4}. */
  private static Map<String, NodeStatus> nestedDag(String wf, NodeType type2, NodePhase phase4) {
    return nodes(
        node(wf, NodeType.DAG, NodePhase.Succeeded, null, "1"),
        node("1", NodeType.TaskGroup, NodePhase.Succeeded, wf, "2", "4"),
        node("2", type2, NodePhase.Succeeded, "1", "3"),
        node("3", NodeType.Pod, NodePhase.Succeeded, "2"),
        node("4", NodeType.Pod, phase4, "1"));
  }

  private static Formulated formulate(
      String wf, Map<String, NodeStatus> nodes, String restartId, boolean parameters) {
    Predicate<NodeStatus> restart = restartId == null ? null : n -> n.id().equals(restartId);
    return RetryFormulation.formulate(wf, nodes, restart, parameters, NOW);
  }

  @Test
  void keepsAFailedDagWithoutChildrenAsItWas() {
    Formulated f =
        formulate(
            "my-dag", nodes(node("my-dag", NodeType.DAG, NodePhase.Failed, null)), null, false);

    assertThat(f.nodes()).containsOnlyKeys("my-dag");
    assertThat(f.nodes().get("my-dag").phase()).isEqualTo(NodePhase.Failed);
    assertThat(f.retained()).extracting(NodeStatus::id).containsExactly("my-dag");
  }

  @Test
  void restartsASelectedSuspendNodeAndKeepsTheSkippedOne() {
    String wf = "wf-with-skipped-and-suspended-nodes";
    Formulated f =
        formulate(
            wf,
            nodes(
                node(wf, NodeType.DAG, NodePhase.Succeeded, null, "suspended", "skipped"),
                node("suspended", NodeType.Suspend, NodePhase.Succeeded, wf, "child"),
                node("child", NodeType.Skipped, NodePhase.Skipped, "suspended"),
                node("skipped", NodeType.Skipped, NodePhase.Skipped, "entrypoint")),
            "suspended",
            false);

    assertThat(f.nodes()).containsOnlyKeys(wf, "skipped");
    assertThat(f.nodes().get(wf).phase()).isEqualTo(NodePhase.Running);
    assertThat(f.nodes().get(wf).children()).containsExactly("skipped");
    assertThat(f.nodes().get("skipped").phase()).isEqualTo(NodePhase.Skipped);
  }

  @Test
  void resetsEveryGroupAboveASelectedPodAndAFailedOne() {
    String wf = "my-nested-dag-1";
    Formulated f = formulate(wf, nestedDag(wf, NodeType.TaskGroup, NodePhase.Failed), "3", false);

    assertThat(f.nodes()).containsOnlyKeys(wf, "1", "2");
    assertThat(f.nodes().values()).extracting(NodeStatus::phase).containsOnly(NodePhase.Running);
    assertThat(f.deleted()).containsExactlyInAnyOrder("3", "4");
    assertThat(f.podsToDelete()).containsExactlyInAnyOrder("pod-3", "pod-4");
    assertThat(f.retained()).isEmpty();
  }

  @Test
  void keepsTheSucceededPodsBesideAFailedOne() {
    String wf = "my-nested-dag-2";
    Formulated f = formulate(wf, nestedDag(wf, NodeType.Pod, NodePhase.Failed), null, false);

    assertThat(f.nodes()).containsOnlyKeys(wf, "1", "2", "3");
    assertThat(f.nodes().get(wf).phase()).isEqualTo(NodePhase.Running);
    assertThat(f.nodes().get("1").phase()).isEqualTo(NodePhase.Running);
    assertThat(f.nodes().get("1").children()).containsExactly("2");
    assertThat(f.retained()).extracting(NodeStatus::id).containsExactly("2", "3");
  }

  @Test
  void refusesARunningOrPendingWorkflowWithArgosMessage() {
    assertThat(RetryFormulation.refusal(NodePhase.Running, false, false))
        .isEqualTo("Cannot retry a workflow in phase Running");
    assertThat(RetryFormulation.refusal(NodePhase.Pending, true, true))
        .isEqualTo("Cannot retry a workflow in phase Pending");
  }

  @Test
  void refusesASucceededWorkflowUnlessToldWhichNodesToRestart() {
    String message =
        "To retry a succeeded workflow, set the options restartSuccessful and nodeFieldSelector";
    assertThat(RetryFormulation.refusal(NodePhase.Succeeded, false, false)).isEqualTo(message);
    assertThat(RetryFormulation.refusal(NodePhase.Succeeded, true, false)).isEqualTo(message);
    assertThat(RetryFormulation.refusal(NodePhase.Succeeded, false, true)).isEqualTo(message);
    assertThat(RetryFormulation.refusal(NodePhase.Succeeded, true, true)).isNull();
    assertThat(RetryFormulation.refusal(NodePhase.Failed, false, false)).isNull();
    assertThat(RetryFormulation.refusal(NodePhase.Error, false, false)).isNull();
  }

  @Test
  void restartsTheSelectedPodOfASucceededWorkflow() {
    String wf = "successful-workflow-2";
    Formulated f =
        formulate(wf, nestedDag(wf, NodeType.TaskGroup, NodePhase.Succeeded), "4", false);

    assertThat(f.nodes()).containsOnlyKeys(wf, "1", "2", "3");
    assertThat(f.nodes().get(wf).phase()).isEqualTo(NodePhase.Running);
    assertThat(f.nodes().get("1").phase()).isEqualTo(NodePhase.Running);
    assertThat(f.nodes().get("2").phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(f.nodes().get("3").phase()).isEqualTo(NodePhase.Succeeded);
  }

  private static Map<String, NodeStatus> continueOnFailed(String wf) {
    return nodes(
        node(wf, wf, NodeType.DAG, NodePhase.Failed, null, "1"),
        node("1", "node1", NodeType.Pod, NodePhase.Succeeded, wf, "2", "4"),
        node("2", "node2", NodeType.Pod, NodePhase.Failed, wf, "3"),
        node("3", "node3", NodeType.Pod, NodePhase.Succeeded, wf),
        node("4", "node4", NodeType.Pod, NodePhase.Failed, wf, "5"),
        node("5", "node5", NodeType.Skipped, NodePhase.Omitted, wf));
  }

  @Test
  void keepsAFailedPodThatAStepAfterItSucceededOn() {
    Formulated f =
        formulate(
            "continue-on-failed-workflow",
            continueOnFailed("continue-on-failed-workflow"),
            null,
            false);

    assertThat(f.nodes()).containsOnlyKeys("continue-on-failed-workflow", "1", "2", "3");
    assertThat(f.nodes().get("1").phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(f.nodes().get("2").phase()).isEqualTo(NodePhase.Failed);
    assertThat(f.podsToDelete()).containsExactly("pod-4");
  }

  @Test
  void restartingTheSucceededStepAfterAFailedPodRerunsTheFailedPodToo() {
    String wf = "continue-on-failed-workflow-2";
    Formulated f = formulate(wf, continueOnFailed(wf), "3", false);

    assertThat(f.nodes()).containsOnlyKeys(wf, "1");
    assertThat(f.nodes().get("1").phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(f.nodes().get(wf).phase()).isEqualTo(NodePhase.Running);
    assertThat(f.podsToDelete()).containsExactlyInAnyOrder("pod-2", "pod-3", "pod-4");
  }

  @Test
  void resetsAFailedRetryNodeAndItsStepGroupsAndKeepsTheStepsBefore() {
    Formulated f =
        formulate(
            "wf",
            nodes(
                node("wf", "wf", NodeType.Steps, NodePhase.Failed, null, "g0"),
                node("g0", "wf[0]", NodeType.StepGroup, NodePhase.Succeeded, "wf", "a"),
                node("a", "wf[0].a", NodeType.Pod, NodePhase.Succeeded, "wf", "g1"),
                node("g1", "wf[1]", NodeType.StepGroup, NodePhase.Failed, "wf", "b"),
                node("b", "wf[1].b", NodeType.Retry, NodePhase.Failed, "wf", "b0", "b1"),
                node("b0", "wf[1].b(0)", NodeType.Pod, NodePhase.Failed, "wf"),
                node("b1", "wf[1].b(1)", NodeType.Pod, NodePhase.Failed, "wf")),
            null,
            false);

    assertThat(f.reset()).containsExactlyInAnyOrder("wf", "g1", "b");
    assertThat(f.deleted()).containsExactlyInAnyOrder("b0", "b1");
    assertThat(f.podsToDelete()).containsExactly("pod-b0", "pod-b1");
    assertThat(f.nodes().get("b").children()).isEmpty();
    assertThat(f.nodes().get("b").phase()).isEqualTo(NodePhase.Running);
    assertThat(f.nodes().get("b").message()).isNull();
    assertThat(f.nodes().get("b").startedAt()).isEqualTo(NOW);
    assertThat(f.nodes().get("b").finishedAt()).isNull();
    assertThat(f.retained()).extracting(NodeStatus::id).containsExactly("g0", "a");
  }

  @Test
  void keepsTheFailedAttemptsOfARetryNodeThatSucceeded() {
    Formulated f =
        formulate(
            "wf",
            nodes(
                node("wf", "wf", NodeType.Steps, NodePhase.Failed, null, "g0"),
                node("g0", "wf[0]", NodeType.StepGroup, NodePhase.Failed, "wf", "a", "c"),
                node("a", "wf[0].a", NodeType.Retry, NodePhase.Succeeded, "wf", "a0", "a1"),
                node("a0", "wf[0].a(0)", NodeType.Pod, NodePhase.Failed, "wf"),
                node("a1", "wf[0].a(1)", NodeType.Pod, NodePhase.Succeeded, "wf"),
                node("c", "wf[0].c", NodeType.Pod, NodePhase.Failed, "wf")),
            null,
            false);

    assertThat(f.deleted()).containsExactly("c");
    assertThat(f.retained()).extracting(NodeStatus::id).containsExactly("a", "a0", "a1");
  }

  private static Map<String, NodeStatus> loop() {
    return nodes(
        node("wf", "wf", NodeType.Steps, NodePhase.Failed, null, "g0"),
        node("g0", "wf[0]", NodeType.StepGroup, NodePhase.Failed, "wf", "x0", "x1"),
        node("x0", "wf[0].x(0:1)", NodeType.Pod, NodePhase.Succeeded, "wf"),
        node("x1", "wf[0].x(1:2)", NodeType.Pod, NodePhase.Failed, "wf"));
  }

  @Test
  void keepsTheSucceededItemsOfALoopWhenNoParameterChanges() {
    assertThat(formulate("wf", loop(), null, false).retained())
        .extracting(NodeStatus::id)
        .containsExactly("x0");
  }

  @Test
  void expandsAResetLoopAgainWhenParametersAreOverridden() {
    Formulated f = formulate("wf", loop(), null, true);

    assertThat(f.deleted()).containsExactlyInAnyOrder("x0", "x1");
    assertThat(f.retained()).isEmpty();
    assertThat(f.podsToDelete()).containsExactlyInAnyOrder("pod-x0", "pod-x1");
  }

  @Test
  void deletesTheExitHandlerAndItsPods() {
    Formulated f =
        formulate(
            "wf",
            nodes(
                node("wf", "wf", NodeType.Pod, NodePhase.Failed, null),
                node("exit", "wf.onExit", NodeType.Pod, NodePhase.Succeeded, null)),
            null,
            false);

    assertThat(f.nodes()).isEmpty();
    assertThat(f.podsToDelete()).containsExactly("pod-wf", "pod-exit");
  }

  @Test
  void refusesNodesThatHangBelowNothing() {
    assertThatThrownBy(
            () ->
                formulate(
                    "wf",
                    nodes(
                        node("wf", "wf", NodeType.Steps, NodePhase.Failed, null),
                        node("lost", "wf[0].lost", NodeType.Pod, NodePhase.Failed, "wf")),
                    null,
                    false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("couldn't find parent node for lost");
  }
}
