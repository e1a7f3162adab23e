package dev.targo.argo.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeTreesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static NodeStatus node(String id, NodeType type, NodePhase phase, String... children) {
    return new NodeStatus(
        id, id, id, type, "t", phase, null, T0, null, null, List.of(children), null, null);
  }

  private static WorkflowStatus status(Integer omitted, NodeStatus... nodes) {
    return status("?", omitted, nodes);
  }

  private static WorkflowStatus status(String progress, Integer omitted, NodeStatus... nodes) {
    Map<String, NodeStatus> byId = new LinkedHashMap<>();
    for (NodeStatus n : nodes) {
      byId.put(n.id(), n);
    }
    return new WorkflowStatus(NodePhase.Running, null, T0, null, progress, byId, omitted);
  }

  @Test
  void aRunningChildsNodesReplaceItsPlaceholderAndKeepTheRootsLinks() {
    WorkflowStatus root =
        status(
            null,
            node("wf", NodeType.Steps, NodePhase.Running, "g"),
            node("g", NodeType.StepGroup, NodePhase.Running, "a"),
            node("a", NodeType.Retry, NodePhase.Running));
    WorkflowStatus child =
        status(
            2,
            node("a", NodeType.Retry, NodePhase.Running, "a1"),
            node("a1", NodeType.Pod, NodePhase.Succeeded));

    WorkflowStatus merged = NodeTrees.merge(root, List.of(child));

    assertThat(merged.nodes().keySet()).containsExactly("wf", "g", "a", "a1");
    assertThat(merged.nodes().get("a").children()).containsExactly("a1");
    assertThat(merged.progress()).isEqualTo("1/3");
    assertThat(merged.omittedNodes()).isEqualTo(2);
    assertThat(merged.phase()).isEqualTo(NodePhase.Running);
  }

  @Test
  void succeededPodsOfDroppedAttemptsStillCountInTheMergedProgress() {
    // The root dropped two steps attempts holding 3 pods, one of which had Succeeded.
    WorkflowStatus root =
        status(
            "1/4",
            3,
            node("wf", NodeType.Retry, NodePhase.Running, "wf(2)"),
            node("wf(2)", NodeType.Steps, NodePhase.Running, "g"),
            node("g", NodeType.StepGroup, NodePhase.Running, "a"),
            node("a", NodeType.Pod, NodePhase.Running));
    WorkflowStatus child = status("1/1", null, node("a", NodeType.Pod, NodePhase.Succeeded));

    WorkflowStatus merged = NodeTrees.merge(root, List.of(child));

    assertThat(merged.progress()).isEqualTo("2/4");
    assertThat(merged.omittedNodes()).isEqualTo(3);
  }
}
