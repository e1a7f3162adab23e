package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.cli.TargoServer.Result;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code targo resume} and {@code targo node set} against the embedded Temporal server and a worker
 * on the local executor, as Argo's {@code argo resume} and {@code argo node set} act on suspend
 * nodes (Argo's {@code examples/suspend-template-outputs.yaml}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuspendCommandsTest {

  @TempDir static Path stateDir;

  private TargoServer server;

  private static final String APPROVAL =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: NAME
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - name: approve
              template: approve
          - - name: release
              template: print
              arguments:
                parameters:
                - name: message
                  value: "{{steps.approve.outputs.parameters.message}}"
        - name: approve
          suspend: {}
          outputs:
            parameters:
            - name: message
              valueFrom:
                supplied: {}
        - name: print
          inputs:
            parameters:
            - name: message
          container:
            image: alpine:3.20
            command: [echo, "{{inputs.parameters.message}}"]
      """;

  @BeforeAll
  void start() {
    server = new TargoServer(stateDir);
  }

  @AfterAll
  void stop() throws InterruptedException {
    server.close();
  }

  private void submitAndAwaitSuspended(String name) throws InterruptedException {
    Result submitted = server.targo(APPROVAL.replace("NAME", name), "submit", "-", "-o", "name");
    assertThat(submitted.exitCode()).as(submitted.err()).isEqualTo(ExitCodes.OK);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!server.targo("", "get", name, "-o", "json").out().contains("\"Suspend\"")) {
      assertThat(System.nanoTime()).as("suspend node started").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  @Test
  void nodeSetThenResumePassesTheSuppliedValueToTheNextStep() throws Exception {
    submitAndAwaitSuspended("approved");

    Result set =
        server.targo(
            "",
            "node",
            "set",
            "approved",
            "--node-field-selector",
            "displayName=approve",
            "--output-parameter",
            "message=shipped");
    Result resumed =
        server.targo("", "resume", "approved", "--node-field-selector", "displayName=approve");
    Result logs = waitThenLogs("approved");

    assertThat(set.exitCode()).as(set.err()).isEqualTo(ExitCodes.OK);
    assertThat(resumed.exitCode()).as(resumed.err()).isEqualTo(ExitCodes.OK);
    assertThat(resumed.out()).isEqualTo("workflow approved resumed\n");
    assertThat(logs.out()).contains("shipped");
  }

  @Test
  void resumeWithAnUnsetOutputWithoutDefaultIsRefusedAndChangesNothing() throws Exception {
    submitAndAwaitSuspended("unset");

    Result r = server.targo("", "resume", "unset");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "targo: node approve: raw output parameter 'message' has not been set and does not"
                + " have a default value\n");
    assertThat(server.targo("", "get", "unset").out()).contains("Status:              Running");
    server.targo("", "stop", "unset");
  }

  @Test
  void aSelectorMatchingNoSuspendedNodeIsAnErrorWithArgosWords() throws Exception {
    submitAndAwaitSuspended("nomatch");

    Result wrong =
        server.targo("", "resume", "nomatch", "--node-field-selector", "displayName=deploy");
    Result badPhase =
        server.targo(
            "",
            "node",
            "set",
            "nomatch",
            "--node-field-selector",
            "displayName=approve",
            "--phase",
            "Done");
    Result unknownOutput =
        server.targo(
            "",
            "node",
            "set",
            "nomatch",
            "--node-field-selector",
            "displayName=approve",
            "--output-parameter",
            "nope=1");

    assertThat(wrong.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(wrong.err())
        .isEqualTo("targo: no suspend nodes matching nodeFieldSelector: displayName=deploy\n");
    assertThat(badPhase.err())
        .isEqualTo("targo: --phase must be Succeeded, Failed or Error, not Done\n");
    assertThat(unknownOutput.err())
        .isEqualTo("targo: node approve: node is not expecting output parameter 'nope'\n");
    Result failed =
        server.targo(
            "",
            "node",
            "set",
            "nomatch",
            "--node-field-selector",
            "displayName=approve",
            "--phase",
            "Failed",
            "--message",
            "rejected");
    assertThat(failed.exitCode()).as(failed.err()).isEqualTo(ExitCodes.OK);
    waitThenLogs("nomatch");
    assertThat(server.targo("", "get", "nomatch").out())
        .contains("Status:              Failed")
        .contains("rejected");
  }

  @Test
  void suspendHoldsTheWorkflowAndResumeReleasesItAndItsNodes() throws Exception {
    submitAndAwaitSuspended("held");

    Result suspended = server.targo("", "suspend", "held");
    Result shown = server.targo("", "get", "held");
    server.targo(
        "",
        "node",
        "set",
        "held",
        "--node-field-selector",
        "displayName=approve",
        "--output-parameter",
        "message=later");
    Result resumed = server.targo("", "resume", "held");
    Result logs = waitThenLogs("held");

    assertThat(suspended.exitCode()).as(suspended.err()).isEqualTo(ExitCodes.OK);
    assertThat(suspended.out()).isEqualTo("workflow held suspended\n");
    assertThat(shown.out()).contains("Status:              Running (Suspended)\n");
    assertThat(resumed.exitCode()).as(resumed.err()).isEqualTo(ExitCodes.OK);
    assertThat(logs.out()).contains("later");
    assertThat(server.targo("", "resume", "held").err())
        .isEqualTo("targo: workflow held has already finished\n");
  }

  /** Waits for the workflow's end, then returns its logs. */
  private Result waitThenLogs(String name) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (server.targo("", "get", name).out().contains("Status:              Running")) {
      assertThat(System.nanoTime()).as("workflow ended").isLessThan(deadline);
      Thread.sleep(200);
    }
    return server.targo("", "logs", name);
  }
}
