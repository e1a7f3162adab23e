package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.Json;
import dev.targo.cli.TargoServer.Result;
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
 * its label, run with the parameters the old one ran with unless {@code -p} overrides them.
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

  @Test
  void resubmittingAWorkflowThatDoesNotExistIsOneLineAndStartsNothing() {
    Result r = server.targo("", "resubmit", "nosuch");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).isEqualTo("targo: workflow nosuch not found\n");
  }
}
