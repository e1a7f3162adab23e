package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.Json;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code targo run} end to end in this process: embedded Temporal, local executor, output. */
class RunCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @TempDir Path dir;

  @Test
  void retriesOnThreeDifferentNodesWithBackoffAndPrintsTheArgoWorkflowAsJson() throws Exception {
    int code = run("run", example("retry-until-third-attempt.yaml"), "-o", "json");

    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
    JsonNode wf = Json.mapper().readTree(out.toString());
    assertThat(wf.path("kind").asText()).isEqualTo("Workflow");
    assertThat(wf.path("metadata").path("name").asText()).startsWith("retry-until-third-attempt-");
    assertThat(wf.path("status").path("phase").asText()).isEqualTo("Succeeded");
    assertThat(wf.path("status").path("progress").asText()).isEqualTo("1/3");
    List<JsonNode> pods = podsByName(wf);
    assertThat(pods)
        .extracting(n -> n.path("phase").asText())
        .containsExactly("Failed", "Failed", "Succeeded");
    assertThat(pods)
        .extracting(n -> n.path("hostNodeName").asText())
        .doesNotHaveDuplicates()
        .allMatch(h -> h.startsWith("node-"));
    assertThat(gap(pods.get(0), pods.get(1))).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    assertThat(gap(pods.get(1), pods.get(2))).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
  }

  @Test
  void anExclusionExpressionLeavesTheHostOfAnOrdinaryFailureUsableOnTwoNodes() throws Exception {
    int code = run("run", example("retry-node-fault-hosts.yaml"), "--nodes", "2", "-o", "json");

    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
    JsonNode wf = Json.mapper().readTree(out.toString());
    List<JsonNode> pods = podsByName(wf);
    assertThat(pods)
        .extracting(n -> n.path("phase").asText())
        .containsExactly("Failed", "Failed", "Succeeded");
    // The killed attempt's host is excluded; the exit-1 attempt's host is used again.
    String killedOn = pods.get(0).path("hostNodeName").asText();
    String failedOn = pods.get(1).path("hostNodeName").asText();
    assertThat(failedOn).isNotEqualTo(killedOn);
    assertThat(pods.get(2).path("hostNodeName").asText()).isEqualTo(failedOn);
  }

  @Test
  void anAttemptThatNoNodeCanTakeLetsTheOldestFailedHostBackAfterRelaxAfter() throws Exception {
    int code = run("run", example("retry-relax-exclusion.yaml"), "--nodes", "2", "-o", "json");

    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
    List<JsonNode> pods = podsByName(Json.mapper().readTree(out.toString()));
    assertThat(pods)
        .extracting(n -> n.path("phase").asText())
        .containsExactly("Failed", "Failed", "Succeeded");
    String first = pods.get(0).path("hostNodeName").asText();
    assertThat(pods.get(1).path("hostNodeName").asText()).isNotEqualTo(first);
    assertThat(pods.get(2).path("hostNodeName").asText()).isEqualTo(first);
    assertThat(pods.get(2).path("message").asText())
        .isEqualTo("nodeAntiAffinity relaxed: " + first + " let back after 3 seconds unscheduled");
  }

  @Test
  void aRetryFailingInOneClusterRunsAgainInTheNextClusterOfItsList() throws Exception {
    int code = run("run", example("retry-other-cluster.yaml"), "-o", "json");

    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
    assertThat(err.toString()).contains("clusters gpu-east, gpu-west");
    List<JsonNode> pods = podsByName(Json.mapper().readTree(out.toString()));
    assertThat(pods)
        .extracting(
            n ->
                n.path("phase").asText()
                    + " "
                    + n.path("cluster").asText()
                    + " "
                    + n.path("hostNodeName").asText().replaceAll("[0-9]+$", "N"))
        .containsExactly("Failed gpu-east gpu-east-node-N", "Succeeded gpu-west gpu-west-node-N");
  }

  @Test
  void aClusterNameThatIsNoDnsLabelIsALintProblemAndNothingRuns() throws Exception {
    Path file = dir.resolve("cluster.yaml");
    Files.writeString(
        file,
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: cluster
        spec:
          entrypoint: main
          templates:
          - name: main
            metadata:
              annotations:
                targo.dev/cluster: GPU_East
            container:
              image: alpine
        """);

    int code = run("run", file.toString());

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString())
        .contains(file + ":11:28: INVALID_VALUE targo.dev/cluster: cluster 'GPU_East' must be")
        .doesNotContain("submitted");
  }

  /** The workflow's Pod nodes, sorted by name (so by attempt). */
  private static List<JsonNode> podsByName(JsonNode wf) {
    List<JsonNode> pods = new ArrayList<>();
    wf.path("status")
        .path("nodes")
        .forEach(
            n -> {
              if (n.path("type").asText().equals("Pod")) {
                pods.add(n);
              }
            });
    pods.sort((a, b) -> a.path("name").asText().compareTo(b.path("name").asText()));
    return pods;
  }

  @Test
  void exitsWithOneAndTheAttemptsMessageWhenTheWorkflowFails() throws Exception {
    Path file = dir.resolve("fails.yaml");
    Files.writeString(
        file,
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: fails
        spec:
          entrypoint: main
          templates:
          - name: main
            container:
              image: alpine
              command: [sh, -c, "exit 3"]
        """);

    int code = run("run", file.toString(), "--no-utf8");

    assertThat(code).as(err.toString()).isEqualTo(ExitCodes.WORKFLOW_FAILED);
    assertThat(out.toString())
        .contains("Status:              Failed\n")
        .contains("Message:             main: Error (exit code 3)\n")
        .containsPattern(" Failed fails +main +fails +\\d+s +main: Error \\(exit code 3\\)\n");
  }

  @Test
  void badInputIsReportedWithItsPositionAndNothingStarts() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(
        file,
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: bad
        spec:
          entrypoint: main
          templates:
          - name: main
            retryStrategy:
              limit: ten
            container:
              image: alpine
        """);

    int code = run("run", file.toString());

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).contains(file + ":10:14: ").doesNotContain("embedded Temporal");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void workflowMetadataLabelsAreOnTheWorkflowItPrints() throws Exception {
    Path file = dir.resolve("labelled.yaml");
    Files.writeString(
        file,
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: labelled
        spec:
          arguments:
            parameters:
            - {name: foo, value: bar}
          workflowMetadata:
            annotations: {owner: me}
            labelsFrom:
              foo: {expression: workflow.parameters.foo}
          entrypoint: main
          templates:
          - name: main
            container:
              image: alpine
              command: [sh, -c, "echo {{workflow.labels.foo}}"]
        """);

    int code = run("run", file.toString(), "-o", "json");

    assertThat(code).as(err.toString()).isZero();
    JsonNode metadata = Json.mapper().readTree(out.toString()).path("metadata");
    assertThat(metadata.path("labels").path("foo").asText()).isEqualTo("bar");
    assertThat(metadata.path("annotations").path("owner").asText()).isEqualTo("me");
  }

  @Test
  void aVolumeTheLocalExecutorCannotGiveIsRefusedBeforeAnythingStarts() throws Exception {
    Path file = dir.resolve("config.yaml");
    Files.writeString(
        file,
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: config
        spec:
          entrypoint: main
          volumes:
          - {name: conf, configMap: {name: settings}}
          templates:
          - name: main
            container:
              image: alpine
              volumeMounts:
              - {name: conf, mountPath: /conf}
        """);

    int code = run("run", file.toString());

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString())
        .contains("template `main` mounts volume `conf` (configMap): the local executor runs")
        .doesNotContain("embedded Temporal");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void lintReportsEveryProblemAndExitsWithTwo() throws Exception {
    Path file = dir.resolve("typo.yaml");
    Files.writeString(
        file,
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: typo
        spec:
          entrypoint: main
          templates:
          - name: main
            retryStrategy:
              limt: 3
            container:
              image: alpine
        """);

    int code = run("lint", file.toString(), example("retry-backoff.yaml"));

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    // The misspelt limit leaves the strategy unbounded, which the warning before it says.
    assertThat(out.toString().lines())
        .satisfiesExactly(
            warning -> assertThat(warning).startsWith(file + ":9:5: warning: UNBOUNDED_RETRY "),
            problem ->
                assertThat(problem).startsWith(file + ":10:7: UNKNOWN_FIELD ").contains("limit"));
  }

  @Test
  void lintOfTheExamplesFindsNothing() {
    int code =
        run(
            "lint",
            example("retry-backoff.yaml"),
            example("retry-until-third-attempt.yaml"),
            example("retry-oom-grows-memory.yaml"),
            example("retry-other-cluster.yaml"));

    assertThat(code).as(out.toString()).isEqualTo(ExitCodes.OK);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aMissingFileIsOneLineAndExitCodeTwo() {
    int code = run("run", dir.resolve("nope.yaml").toString());

    assertThat(code).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(err.toString()).isEqualTo("targo: " + dir.resolve("nope.yaml") + ": no such file\n");
  }

  private int run(String... args) {
    Console console =
        new Console(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            new ByteArrayInputStream(new byte[0]),
            false);
    return Main.execute(console, args);
  }

  private static String example(String name) {
    return Path.of("..", "examples", name).toString();
  }

  private static Duration gap(JsonNode earlier, JsonNode later) {
    return Duration.between(
        Instant.parse(earlier.path("finishedAt").asText()),
        Instant.parse(later.path("startedAt").asText()));
  }
}
