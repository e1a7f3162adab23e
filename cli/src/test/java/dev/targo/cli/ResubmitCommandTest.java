package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.Json;
import dev.targo.argo.PodNames;
import dev.targo.cli.TargoServer.Result;
import dev.targo.cli.server.ArgoHttpServer;
import io.grpc.StatusRuntimeException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code targo resubmit} against the embedded Temporal server and a worker on the local executor,
 * as Argo's {@code FormulateResubmitWorkflow} makes the new workflow: named from the old one, with
 * its label, run with the parameters the old one ran with unless {@code -p} overrides them; with
 * {@code --memoized} (a Failed or Error workflow only) the old one's succeeded steps are carried
 * over as Skipped nodes and not run again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResubmitCommandTest {
  @TempDir static Path stateDir;

  private TargoServer server;

  private static final String GREETER =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: greeter
        labels:
          team: data
      spec:
        entrypoint: main
        arguments:
          parameters:
          - name: greeting
            value: hello
        templates:
        - name: main
          container:
            image: alpine:3.20
            command: [echo, "said {{workflow.parameters.greeting}}"]
      """;

  @BeforeAll
  void start() {
    server = new TargoServer(stateDir);
  }

  @AfterAll
  void stop() throws InterruptedException {
    server.close();
  }

  private JsonNode awaitEnd(String name) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (true) {
      Result r = server.targo("", "get", name, "-o", "json");
      assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
      JsonNode wf = Json.mapper().readTree(r.out());
      if (!wf.path("status").path("phase").asText().equals("Running")) {
        return wf;
      }
      assertThat(System.nanoTime()).as("workflow ended").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  @Test
  void aResubmittedWorkflowRunsAgainWithTheParametersTheOldOneRanWith() throws Exception {
    Result first = server.targo(GREETER, "submit", "-", "-p", "greeting=bonjour", "-o", "name");
    assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
    awaitEnd("greeter");

    Result again = server.targo("", "resubmit", "greeter", "-o", "name");
    assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
    String name = again.out().strip();
    JsonNode wf = awaitEnd(name);
    Result overridden =
        server.targo("", "resubmit", "greeter", "-p", "greeting=hola", "-o", "name");
    String third = overridden.out().strip();
    awaitEnd(third);

    assertThat(name).matches("greeter-[a-z0-9]{5}");
    assertThat(wf.path("status").path("phase").asText()).isEqualTo("Succeeded");
    assertThat(wf.path("metadata").path("labels").path("team").asText()).isEqualTo("data");
    assertThat(
            wf.path("metadata")
                .path("labels")
                .path("workflows.argoproj.io/resubmitted-from-workflow")
                .asText())
        .isEqualTo("greeter");
    assertThat(server.targo("", "logs", name).out()).contains("said bonjour");
    assertThat(overridden.exitCode()).as(overridden.err()).isEqualTo(ExitCodes.OK);
    assertThat(server.targo("", "logs", third).out()).contains("said hola");
  }

  /**
   * Submits {@link Workflows#stampThenCheck} named from {@code prefix}, waits for its end (Failed).
   */
  private String failedTwoSteps(String prefix) throws Exception {
    Result r =
        server.targo(
            Workflows.stampThenCheck("generateName: " + prefix + "-", "no"),
            "submit",
            "-",
            "-o",
            "name");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    String name = r.out().strip();
    assertThat(awaitEnd(name).path("status").path("phase").asText()).isEqualTo("Failed");
    return name;
  }

  private static JsonNode node(JsonNode wf, String name, String nodeName) {
    return wf.path("status").path("nodes").path(PodNames.nodeId(name, nodeName));
  }

  /**
   * Checks the memoized resubmission {@code again} of {@code old}: step a carried over as Skipped
   * (Argo's {@code original pod:} message, its output kept) and not run, step b run with it.
   */
  private void assertMemoized(String old, String again) throws Exception {
    JsonNode before = get(old);
    JsonNode wf = awaitEnd(again);
    assertThat(wf.path("status").path("phase").asText()).isEqualTo("Succeeded");
    String stamp = node(before, old, old + "[0].a").path("outputs").path("result").asText();
    assertThat(stamp).matches("[0-9]{10,}");
    JsonNode a = node(wf, again, again + "[0].a");
    assertThat(a.path("type").asText()).isEqualTo("Skipped");
    assertThat(a.path("phase").asText()).isEqualTo("Skipped");
    assertThat(a.path("message").asText())
        .isEqualTo("original pod: " + PodNames.nodeId(old, old + "[0].a"));
    assertThat(a.path("outputs").path("result").asText()).isEqualTo(stamp);
    JsonNode b = node(wf, again, again + "[1].b");
    assertThat(b.path("phase").asText()).isEqualTo("Succeeded");
    assertThat(b.path("outputs").path("result").asText()).isEqualTo("got " + stamp);
    // Every step runs as its own child workflow, <wf>/<node name>: a did not run, b did.
    assertThatThrownBy(() -> server.latestRunId(again + "/" + again + "[0].a"))
        .isInstanceOf(StatusRuntimeException.class);
    assertThat(server.latestRunId(again + "/" + again + "[1].b")).isNotEmpty();
  }

  private JsonNode get(String name) throws Exception {
    Result r = server.targo("", "get", name, "-o", "json");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    return Json.mapper().readTree(r.out());
  }

  @Test
  void aMemoizedResubmissionKeepsTheSucceededStepAndRunsTheFailedOneWithTheNewParameter()
      throws Exception {
    String old = failedTwoSteps("memo");

    Result again = server.targo("", "resubmit", old, "--memoized", "-p", "ok=yes", "-o", "name");

    assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
    String name = again.out().strip();
    assertThat(name).matches("memo-[a-z0-9]{5}").isNotEqualTo(old);
    assertThat(again.err())
        .isEqualTo(
            "targo: warning: Overriding parameters on memoized or resubmitted workflows may have"
                + " unexpected results\n");
    assertMemoized(old, name);
    assertThat(
            get(name)
                .path("metadata")
                .path("labels")
                .path("workflows.argoproj.io/resubmitted-from-workflow")
                .asText())
        .isEqualTo(old);
  }

  @Test
  void aMemoizedResubmissionOfAWorkflowThatIsNotFailedIsRefusedWithArgosWordsAndStartsNothing()
      throws Exception {
    Result first = server.targo(GREETER.replace("greeter", "greeted"), "submit", "-", "--wait");
    assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
    String before = server.targo("", "list", "-o", "name").out();

    Result r = server.targo("", "resubmit", "greeted", "--memoized");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "targo: cannot resubmit greeted: workflow must be Failed/Error to resubmit in"
                + " memoized mode\n");
    assertThat(server.targo("", "list", "-o", "name").out()).isEqualTo(before);
  }

  @Test
  void thePutResubmitRouteResubmitsMemoizedAsArgoServerDoesAndRefusesWithArgosError()
      throws Exception {
    String old = failedTwoSteps("memo-route");
    try (ArgoHttpServer http = server.argoServer()) {
      String url = TargoServer.workflowsUrl(http);
      // Argo's ResubmitWorkflowRequest, as the argo CLI sends it.
      HttpResponse<String> resubmitted =
          TargoServer.put(
              url + old + "/resubmit",
              "{\"name\":\""
                  + old
                  + "\",\"namespace\":\"default\",\"memoized\":true,"
                  + "\"parameters\":[\"ok=yes\"]}");
      assertThat(resubmitted.statusCode()).as(resubmitted.body()).isEqualTo(200);
      String name =
          Json.mapper().readTree(resubmitted.body()).path("metadata").path("name").asText();
      assertThat(name).matches("memo-route-[a-z0-9]{5}");
      assertMemoized(old, name);

      HttpResponse<String> refused =
          TargoServer.put(url + name + "/resubmit", "{\"memoized\":true}");

      assertThat(refused.statusCode()).isEqualTo(400);
      JsonNode error = Json.mapper().readTree(refused.body());
      assertThat(error.path("code").asInt()).isEqualTo(3);
      assertThat(error.path("message").asText())
          .isEqualTo(
              "cannot resubmit "
                  + name
                  + ": workflow must be Failed/Error to resubmit in memoized mode");
    }
  }

  @Test
  void resubmittingAWorkflowThatDoesNotExistIsOneLineAndStartsNothing() {
    Result r = server.targo("", "resubmit", "nosuch");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).isEqualTo("targo: workflow nosuch not found\n");
  }
}
