package dev.targo.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.status.NodeOutputs;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GetPrinterTest {

  private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

  @Test
  void printsAttemptsAsChildrenOfTheRetryNodeAlignedLikeGoTabwriter() {
    String out = printer(false, true).print(view(retryWithTwoFailedAttempts()));

    assertThat(out)
        .endsWith(
            "STEP        TEMPLATE  PODNAME   DURATION  MESSAGE\n"
                + " ✖ wf       t                             No more retries left\n"
                + " ├─✖ wf(0)  t         wf-t-111  5s        main: Error (exit code 1)\n"
                + " └─✖ wf(1)  t         wf-t-222  1m        main: Error (exit code 2)\n");
  }

  @Test
  void printsAsciiTreeAndPhaseWordsWithoutUtf8() {
    String out = printer(false, false).print(view(retryWithTwoFailedAttempts()));

    assertThat(out).contains(" |-Failed wf(0)  ").contains(" `-Failed wf(1)  ");
  }

  @Test
  void foldsARetryNodeWithASingleAttemptIntoThatAttempt() {
    Map<String, NodeStatus> nodes = new LinkedHashMap<>();
    nodes.put("wf", node("wf", "wf", NodeType.Retry, NodePhase.Succeeded, null, List.of("wf-1")));
    nodes.put("wf-1", pod("wf-1", "wf(0)", NodePhase.Succeeded, null, "wf-t-1", 3, "node-2"));
    WorkflowStatus status =
        new WorkflowStatus(NodePhase.Succeeded, null, T0, T0.plusSeconds(3), "1/1", nodes);

    String out = printer(false, true).print(view(status));

    assertThat(out)
        .endsWith(
            "STEP      TEMPLATE  PODNAME  DURATION  MESSAGE\n"
                + " ✔ wf(0)  t         wf-t-1   3s\n");
  }

  @Test
  void drawsDagTasksInsideTheirDagNotUnderEveryTaskThatTheyDependOn() {
    // Argo's children links of a diamond: A -> B, C; B -> D; C -> D. Argo draws the tasks flat in
    // their DAG (its boundary), ordered by start time.
    Map<String, NodeStatus> nodes = new LinkedHashMap<>();
    nodes.put("wf", dagNode("wf", "wf", T0, List.of("a")));
    nodes.put("a", task("a", "wf.A", "A", T0, List.of("b", "c")));
    nodes.put("c", task("c", "wf.C", "C", T0.plusSeconds(2), List.of("d")));
    nodes.put("b", task("b", "wf.B", "B", T0.plusSeconds(1), List.of("d")));
    nodes.put("d", task("d", "wf.D", "D", T0.plusSeconds(3), List.of()));
    WorkflowStatus status =
        new WorkflowStatus(NodePhase.Succeeded, null, T0, T0.plusSeconds(4), "4/4", nodes);

    String out = printer(false, true).print(view(status));

    assertThat(out)
        .endsWith(
            "STEP    TEMPLATE  PODNAME  DURATION  MESSAGE\n"
                + " ✔ wf   t\n"
                + " ├─✔ A  t         wf-a     1s\n"
                + " ├─✔ B  t         wf-b     1s\n"
                + " ├─✔ C  t         wf-c     1s\n"
                + " └─✔ D  t         wf-d     1s\n");
  }

  @Test
  void showsTheDisplayNamesTemplatesGiveAndOrdersThemByNameAsArgoDoes() {
    // Loop items named by a display-name annotation, started together: Argo's insertSorted can no
    // longer read their index from the name, and orders them by display name.
    Map<String, NodeStatus> nodes = new LinkedHashMap<>();
    nodes.put("wf", dagNode("wf", "wf", T0, List.of("u", "a")));
    nodes.put("u", task("u", "wf.os(0:ubuntu)", "os-ubuntu-17.10", T0, List.of()));
    nodes.put("a", task("a", "wf.os(1:alpine)", "os-alpine-3.6", T0, List.of()));
    WorkflowStatus status =
        new WorkflowStatus(NodePhase.Succeeded, null, T0, T0.plusSeconds(1), "2/2", nodes);

    String out = printer(false, true).print(view(status));

    assertThat(out)
        .contains(" ├─✔ os-alpine-3.6    t ")
        .contains(" └─✔ os-ubuntu-17.10  t ")
        .doesNotContain("os(0:ubuntu)");
  }

  @Test
  void duringABackoffTheRetryNodeKeepsItsRowSoItsMessageShows() {
    Map<String, NodeStatus> nodes = new LinkedHashMap<>();
    nodes.put(
        "wf",
        node("wf", "wf", NodeType.Retry, NodePhase.Running, "Backoff for 1 minute", List.of("a")));
    nodes.put(
        "a",
        pod("a", "wf(0)", NodePhase.Failed, "main: Error (exit code 1)", "wf-t-111", 5, "node-1"));
    WorkflowStatus status = new WorkflowStatus(NodePhase.Running, null, T0, null, "0/1", nodes);

    String out = printer(false, true).print(view(status));

    assertThat(out)
        .endsWith(
            "STEP        TEMPLATE  PODNAME   DURATION  MESSAGE\n"
                + " ● wf       t                             Backoff for 1 minute\n"
                + " └─✖ wf(0)  t         wf-t-111  5s        main: Error (exit code 1)\n");
  }

  @Test
  void anOmittedDagTaskIsDrawnWithItsMessage() {
    Map<String, NodeStatus> nodes = new LinkedHashMap<>();
    nodes.put("wf", dagNode("wf", "wf", T0, List.of("a")));
    nodes.put("a", task("a", "wf.A", "A", T0, List.of("b")));
    nodes.put(
        "b",
        new NodeStatus(
            "b",
            "wf.B",
            "B",
            NodeType.Skipped,
            "t",
            NodePhase.Omitted,
            "omitted: depends condition not met",
            T0.plusSeconds(1),
            T0.plusSeconds(1),
            null,
            List.of(),
            null,
            null));
    WorkflowStatus status =
        new WorkflowStatus(NodePhase.Succeeded, null, T0, T0.plusSeconds(4), "1/1", nodes);

    String utf8 = printer(false, true).print(view(status));
    String ascii = printer(false, false).print(view(status));

    assertThat(utf8)
        .endsWith(
            " ✔ wf   t\n"
                + " ├─✔ A  t         wf-a     1s\n"
                + " └─○ B  t                            omitted: depends condition not met\n");
    assertThat(ascii).contains(" `-Omitted B  ");
  }

  @Test
  void droppedAttemptsAreCountedOnALineBeforeTheOldestKeptOne() {
    Map<String, NodeStatus> nodes = new LinkedHashMap<>();
    nodes.put("wf", node("wf", "wf", NodeType.Retry, NodePhase.Running, null, List.of("a", "b")));
    nodes.put(
        "a",
        pod("a", "wf(131)", NodePhase.Failed, "main: Error (exit code 1)", "wf-t-131", 5, "n"));
    nodes.put("b", pod("b", "wf(132)", NodePhase.Running, null, "wf-t-132", 5, "n"));
    WorkflowStatus status =
        new WorkflowStatus(NodePhase.Running, null, T0, null, "0/133", nodes, 131);

    String out = printer(false, true).print(view(status));

    assertThat(out)
        .endsWith(
            " ● wf         t\n"
                + " ├─… 131 earlier attempts not shown\n"
                + " ├─✖ wf(131)  t         wf-t-131  5s        main: Error (exit code 1)\n"
                + " └─● wf(132)  t         wf-t-132  5s\n");
  }

  @Test
  void widePrintsTheHostOfEachPod() {
    String out = printer(true, true).print(view(retryWithTwoFailedAttempts()));

    assertThat(out)
        .contains("MESSAGE                    NODENAME\n")
        .contains("main: Error (exit code 1)  node-1\n")
        .contains("main: Error (exit code 2)  node-2\n");
  }

  @Test
  void widePrintsTheNamesOfEachNodesOutputArtifacts() {
    WorkflowStatus status = retryWithTwoFailedAttempts();
    Map<String, NodeStatus> nodes = new LinkedHashMap<>(status.nodes());
    NodeStatus b = nodes.get("b");
    nodes.put(
        "b",
        new NodeStatus(
            b.id(),
            b.name(),
            b.displayName(),
            b.type(),
            b.templateName(),
            b.phase(),
            b.message(),
            b.startedAt(),
            b.finishedAt(),
            b.hostNodeName(),
            b.children(),
            new NodeOutputs(
                "2",
                null,
                List.of(),
                List.of(
                    stored("model", "wf/wf-t-222/model.tgz"),
                    stored("report", "wf/wf-t-222/report.csv"))),
            b.podName()));
    WorkflowStatus withArtifacts =
        new WorkflowStatus(
            status.phase(),
            status.message(),
            status.startedAt(),
            status.finishedAt(),
            status.progress(),
            nodes,
            status.omittedNodes());

    String out = printer(true, true).print(view(withArtifacts));

    assertThat(out)
        .contains("DURATION  ARTIFACTS     MESSAGE                    NODENAME\n")
        .contains("1m        model,report  main: Error (exit code 2)  node-2\n");
  }

  private static dev.targo.argo.plan.Artifact stored(String name, String key) {
    return new dev.targo.argo.plan.Artifact(
            name, "/tmp/" + name, null, null, null, null, null, null, null, null, null, null, null)
        .withS3(dev.targo.argo.plan.Artifact.S3.ofKey(key));
  }

  @Test
  void headerShowsNamePhaseMessageAndProgressInArgosLayout() {
    String out = printer(false, true).print(view(retryWithTwoFailedAttempts()));

    assertThat(out)
        .startsWith(
            "Name:                wf\n"
                + "Namespace:           default\n"
                + "ServiceAccount:      unset (will run with the default ServiceAccount)\n"
                + "Status:              Failed\n"
                + "Message:             No more retries left\n"
                + "Created:             Sat Nov 28 10:00:00 +0000 (2 minutes ago)\n")
        .contains("Progress:            0/2\n");
  }

  private static WorkflowStatus retryWithTwoFailedAttempts() {
    Map<String, NodeStatus> nodes = new LinkedHashMap<>();
    nodes.put(
        "wf",
        node(
            "wf",
            "wf",
            NodeType.Retry,
            NodePhase.Failed,
            "No more retries left",
            List.of("a", "b")));
    nodes.put(
        "a",
        pod("a", "wf(0)", NodePhase.Failed, "main: Error (exit code 1)", "wf-t-111", 5, "node-1"));
    nodes.put(
        "b",
        pod("b", "wf(1)", NodePhase.Failed, "main: Error (exit code 2)", "wf-t-222", 61, "node-2"));
    return new WorkflowStatus(
        NodePhase.Failed, "No more retries left", T0, T0.plusSeconds(70), "0/2", nodes);
  }

  private static NodeStatus node(
      String id,
      String name,
      NodeType type,
      NodePhase phase,
      String message,
      List<String> children) {
    return new NodeStatus(
        id,
        name,
        name,
        type,
        "t",
        phase,
        message,
        T0,
        T0.plusSeconds(70),
        null,
        children,
        null,
        null);
  }

  private static NodeStatus pod(
      String id,
      String name,
      NodePhase phase,
      String message,
      String podName,
      int seconds,
      String host) {
    return new NodeStatus(
        id,
        name,
        name,
        NodeType.Pod,
        "t",
        phase,
        message,
        T0,
        T0.plusSeconds(seconds),
        host,
        List.of(),
        new NodeOutputs("1", null, null),
        podName);
  }

  private static NodeStatus dagNode(String id, String name, Instant start, List<String> children) {
    return new NodeStatus(
        id,
        name,
        name,
        NodeType.DAG,
        "t",
        NodePhase.Succeeded,
        null,
        start,
        start.plusSeconds(4),
        null,
        children,
        null,
        null);
  }

  private static NodeStatus task(
      String id, String name, String display, Instant start, List<String> children) {
    return new NodeStatus(
        id,
        name,
        display,
        NodeType.Pod,
        "t",
        NodePhase.Succeeded,
        null,
        start,
        start.plusSeconds(1),
        "node-1",
        children,
        null,
        "wf-" + id);
  }

  private static WorkflowView view(WorkflowStatus status) {
    return new WorkflowView("wf", "default", null, T0, List.of(), status);
  }

  private static GetPrinter printer(boolean wide, boolean utf8) {
    return new GetPrinter(new GetPrinter.Options(wide, utf8, ZoneOffset.UTC), T0.plusSeconds(120));
  }
}
