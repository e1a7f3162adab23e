package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.Json;
import dev.targo.argo.PodNames;
import dev.targo.cli.TargoServer.Result;
import dev.targo.cli.server.ArgoHttpServer;
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

  /**
   * Submits {@link Workflows#stampThenCheck} as {@code name} with {@code ok} and waits for its end.
   */
  private JsonNode submitTwoSteps(String name, String ok) throws Exception {
    Result r = server.targo(Workflows.stampThenCheck("name: " + name, ok), "submit", "-", "--wait");
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
    try (ArgoHttpServer http = server.argoServer()) {
      String url = TargoServer.workflowsUrl(http);
      // Argo's RetryWorkflowRequest, as the argo CLI sends it.
      HttpResponse<String> retried =
          TargoServer.put(
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

      HttpResponse<String> refused = TargoServer.put(url + name + "/retry", "{}");
      HttpResponse<String> unknown = TargoServer.put(url + "nosuch/retry", "{}");

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

  @Test
  void retryingAWorkflowThatDoesNotExistIsOneLineAndStartsNothing() {
    Result r = server.targo("", "retry", "nosuch");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).isEqualTo("targo: workflow nosuch not found\n");
  }
}
