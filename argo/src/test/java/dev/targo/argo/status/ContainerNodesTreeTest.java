package dev.targo.argo.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.PodNames;
import dev.targo.argo.plan.ContainerNode;
import dev.targo.argo.plan.ContainerSpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Container nodes of a container set's pod, as Argo's {@code executeContainerSet} makes them.
 */
class ContainerNodesTreeTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static ContainerNode c(String name, String... dependencies) {
    return new ContainerNode(
        name,
        new ContainerSpec("busybox", List.of("true"), null, null, null, null, null, null, null),
        Arrays.asList(dependencies));
  }

  private static String id(String name) {
    return PodNames.nodeId("wf", name);
  }

  @Test
  void containersHangBelowThePodOrBelowWhatTheyDependOnWithThePodAsBoundary() {
    NodeTree tree = new NodeTree("wf");
    tree.startedPod("wf", "wf", "main", "wf-main-1", T0);
    tree.startedContainers(
        "wf", "wf", "main", List.of(c("a"), c("b", "a"), c("c", "a"), c("d", "b", "c")), T0);

    WorkflowStatus status = tree.status(NodePhase.Running, null, T0, null);

    assertThat(status.nodes().get("wf").children()).containsExactly(id("wf.a"));
    assertThat(status.nodes().get(id("wf.a")).children()).containsExactly(id("wf.b"), id("wf.c"));
    assertThat(status.nodes().get(id("wf.b")).children()).containsExactly(id("wf.d"));
    assertThat(status.nodes().get(id("wf.c")).children()).containsExactly(id("wf.d"));
    NodeStatus d = status.nodes().get(id("wf.d"));
    assertThat(d.type()).isEqualTo(NodeType.Container);
    assertThat(d.displayName()).isEqualTo("d");
    assertThat(d.templateName()).isEqualTo("main");
    assertThat(d.phase()).isEqualTo(NodePhase.Pending);
    assertThat(d.boundaryID()).isEqualTo("wf");
    // Argo's progress counts containers as it counts pods.
    assertThat(status.progress()).isEqualTo("0/5");
  }

  @Test
  void aFinishedContainerKeepsItsPlaceAndCountsInProgress() {
    NodeTree tree = new NodeTree("wf");
    tree.startedPod("wf", "wf", "main", "wf-main-1", T0);
    tree.startedContainers("wf", "wf", "main", List.of(c("main")), T0);
    tree.finishContainer(id("wf.main"), NodePhase.Succeeded, null, T0.plusSeconds(3));

    NodeStatus main = tree.status(NodePhase.Running, null, T0, null).nodes().get(id("wf.main"));

    assertThat(main.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(main.finishedAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(tree.status(NodePhase.Running, null, T0, null).progress()).isEqualTo("1/2");
  }
}
