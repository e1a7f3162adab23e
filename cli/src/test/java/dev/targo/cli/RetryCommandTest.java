package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.api.Names;
import dev.targo.argo.Json;
import dev.targo.argo.PodNames;
import dev.targo.cli.TargoServer.Result;
import dev.targo.cli.server.ArgoHttpServer;
import dev.targo.cli.server.Streams;
import dev.targo.cli.server.WorkflowService;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code targo retry} against the embedded Temporal server and a worker on the local executor, as
 * Argo's {@code argo retry} retries: the same workflow runs again, its succeeded step kept with its
 * output and not run, its failed step run again; refusals start nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetryCommandTest {
  @TempDir static Path stateDir;

  private TargoServer server;

  /**
   * Step a prints the time in nanoseconds (a second run would print another); step b gets it and
   * fails unless the workflow's parameter {@code ok} is {@code yes}.
   */
  private static final String TWO_STEPS =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: NAME
      spec:
        entrypoint: main
        arguments:
          parameters:
          - name: ok
            value: "OK"
        templates:
        - name: main
          steps:
          - - name: a
              template: stamp
          - - name: b
              template: check
              arguments:
                parameters:
                - name: stamp
                  value: "{{steps.a.outputs.result}}"
        - name: stamp
          script:
            image: alpine:3.20
            command: [sh]
            source: date +%s%N
        - name: check
          inputs:
            parameters:
            - name: stamp
          script:
            image: alpine:3.20
            command: [sh]
            source: |
              echo "got {{inputs.parameters.stamp}}"
              test "{{workflow.parameters.ok}}" = yes
      """;

  private static final String SLEEPER =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: retry-sleeper
      spec:
        entrypoint: main
        templates:
        - name: main
          container:
            image: alpine:3.20
            command: [sleep, "60"]
      """;

  @BeforeAll
  void start() {
    server = new TargoServer(stateDir);
  }

  @AfterAll
  void stop() throws InterruptedException {
    server.close();
  }

  private JsonNode get(String name) throws Exception {
    Result r = server.targo("", "get", name, "-o", "json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    return Json.mapper().readTree(r.out());
  }

  private JsonNode awaitEnd(String name) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      JsonNode wf = get(name);
      if (!wf.path("status").path("phase").asText().equals("Running")) {
        return wf;
      }
      assertThat(System.nanoTime()).as("workflow ended").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  /** Submits {@link #TWO_STEPS} as {@code name} with {@code ok} and waits for its end. */
  private JsonNode submitTwoSteps(String name, String ok) throws Exception {
    Result r =
        server.targo(TWO_STEPS.replace("NAME", name).replace("OK", ok), "submit", "-", "--wait");
    assertThat(r.exitCode()).as(r.err()).isIn(ExitCodes.OK, ExitCodes.WORKFLOW_FAILED);
    return awaitEnd(name);
  }

  private static JsonNode node(JsonNode wf, String name, String nodeName) {
    return wf.path("status").path("nodes").path(PodNames.nodeId(name, nodeName));
  }

  @Test
  void aRetryRunsTheFailedStepAgainAndKeepsTheSucceededOneWithoutRunningIt() throws Exception {
    String name = "retry-two";
    JsonNode failed = submitTwoSteps(name, "no");
    assertThat(failed.path("status").path("phase").asText()).isEqualTo("Failed");
    String stamp = node(failed, name, name + "[0].a").path("outputs").path("result").asText();
    assertThat(stamp).matches("[0-9]{10,}");
    // Every step runs as its own child workflow, <wf>/<node name>: a new run means it ran again.
    String runOfA = server.latestRunId(name + "/" + name + "[0].a");
    String runOfB = server.latestRunId(name + "/" + name + "[1].b");

    Result retried = server.targo("", "retry", name, "-p", "ok=yes", "--wait", "-o", "json");

    assertThat(retried.exitCode()).as(retried.err()).isEqualTo(ExitCodes.OK);
    JsonNode wf = Json.mapper().readTree(retried.out());
    assertThat(wf.path("metadata").path("name").asText()).isEqualTo(name);
    assertThat(wf.path("status").path("phase").asText()).isEqualTo("Succeeded");
    assertThat(wf.path("spec").path("arguments").path("parameters").get(0).path("value").asText())
        .isEqualTo("yes");
    // Step a was kept as it was, and not run: same output, same child workflow run.
    JsonNode a = node(wf, name, name + "[0].a");
    assertThat(a).isEqualTo(node(failed, name, name + "[0].a"));
    assertThat(server.latestRunId(name + "/" + name + "[0].a")).isEqualTo(runOfA);
    // Step b ran again, with a's output.
    JsonNode b = node(wf, name, name + "[1].b");
    assertThat(b.path("phase").asText()).isEqualTo("Succeeded");
    assertThat(b.path("outputs").path("result").asText()).isEqualTo("got " + stamp);
    assertThat(server.latestRunId(name + "/" + name + "[1].b")).isNotEqualTo(runOfB);

    // A succeeded workflow is retried only for the nodes a selector restarts.
    Result refused = server.targo("", "retry", name);
    assertThat(refused.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(refused.err())
        .isEqualTo(
            "targo: cannot retry "
                + name
                + ": To retry a succeeded workflow, set the options restartSuccessful and"
                + " nodeFieldSelector\n");
    String runOfB2 = server.latestRunId(name + "/" + name + "[1].b");
    Result restarted =
        server.targo(
            "",
            "retry",
            name,
            "--restart-successful",
            "--node-field-selector",
            "displayName=b",
            "--wait",
            "-o",
            "json");
    assertThat(restarted.exitCode()).as(restarted.err()).isEqualTo(ExitCodes.OK);
    JsonNode again = Json.mapper().readTree(restarted.out());
    assertThat(again.path("status").path("phase").asText()).isEqualTo("Succeeded");
    assertThat(server.latestRunId(name + "/" + name + "[0].a")).isEqualTo(runOfA);
    assertThat(server.latestRunId(name + "/" + name + "[1].b")).isNotEqualTo(runOfB2);
    assertThat(node(again, name, name + "[0].a")).isEqualTo(a);
  }

  @Test
  void retryingARunningWorkflowIsRefusedWithArgosMessage() throws Exception {
    Result submitted = server.targo(SLEEPER, "submit", "-", "-o", "name");
    assertThat(submitted.exitCode()).as(submitted.err()).isEqualTo(ExitCodes.OK);
    String run = server.latestRunId("retry-sleeper");
    try {
      Result r = server.targo("", "retry", "retry-sleeper");

      assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
      assertThat(r.err())
          .isEqualTo(
              "targo: cannot retry retry-sleeper: Cannot retry a workflow in phase Running\n");
      assertThat(server.latestRunId("retry-sleeper")).isEqualTo(run);
    } finally {
      server.targo("", "terminate", "retry-sleeper");
    }
  }

  @Test
  void aBadSelectorOrParameterIsOneLineAndStartsNothing() throws Exception {
    String name = "retry-refused";
    submitTwoSteps(name, "no");
    String run = server.latestRunId(name);

    Result selector =
        server.targo(
            "", "retry", name, "--restart-successful", "--node-field-selector", "displayName");
    Result parameter = server.targo("", "retry", name, "-p", "nosuch=1");

    assertThat(selector.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(selector.err())
        .isEqualTo(
            "targo: unable to parse node field selector 'displayName': invalid selector:"
                + " 'displayName'; can't understand 'displayName'\n");
    assertThat(parameter.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(parameter.err())
        .isEqualTo(
            "targo: cannot retry " + name + ": nosuch is not a parameter of its spec.arguments\n");
    assertThat(server.latestRunId(name)).isEqualTo(run);
    assertThat(get(name).path("status").path("phase").asText()).isEqualTo("Failed");
  }

  @Test
  void thePutRetryRouteRetriesAsArgoServerDoesAndRefusesWithArgosError() throws Exception {
    String name = "retry-route";
    submitTwoSteps(name, "no");
    String runOfA = server.latestRunId(name + "/" + name + "[0].a");
    WorkflowService workflows = new WorkflowService(server.client, Names.TASK_QUEUE);
    try (ArgoHttpServer http =
        new ArgoHttpServer(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            workflows,
            new Streams(workflows, () -> null),
            null,
            new PrintWriter(System.err, true),
            "test")) {
      String url = "http://127.0.0.1:" + http.address().getPort() + "/api/v1/workflows/default/";
      // Argo's RetryWorkflowRequest, as the argo CLI sends it.
      HttpResponse<String> retried =
          put(
              url + name + "/retry",
              "{\"name\":\""
                  + name
                  + "\",\"namespace\":\"default\",\"nodeFieldSelector\":\"\","
                  + "\"parameters\":[\"ok=yes\"]}");
      assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
      JsonNode answered = Json.mapper().readTree(retried.body());
      assertThat(answered.path("kind").asText()).isEqualTo("Workflow");
      assertThat(answered.path("metadata").path("name").asText()).isEqualTo(name);
      JsonNode wf = awaitEnd(name);
      assertThat(wf.path("status").path("phase").asText()).isEqualTo("Succeeded");
      assertThat(server.latestRunId(name + "/" + name + "[0].a")).isEqualTo(runOfA);

      HttpResponse<String> refused = put(url + name + "/retry", "{}");
      HttpResponse<String> unknown = put(url + "nosuch/retry", "{}");

      assertThat(refused.statusCode()).isEqualTo(400);
      JsonNode error = Json.mapper().readTree(refused.body());
      assertThat(error.path("code").asInt()).isEqualTo(3);
      assertThat(error.path("message").asText())
          .isEqualTo(
              "cannot retry "
                  + name
                  + ": To retry a succeeded workflow, set the options restartSuccessful and"
                  + " nodeFieldSelector");
      assertThat(unknown.statusCode()).isEqualTo(404);
    }
  }

  private static HttpResponse<String> put(String url, String body) throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
          HttpRequest.newBuilder(URI.create(url))
              .PUT(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void retryingAWorkflowThatDoesNotExistIsOneLineAndStartsNothing() {
    Result r = server.targo("", "retry", "nosuch");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).isEqualTo("targo: workflow nosuch not found\n");
  }
}
