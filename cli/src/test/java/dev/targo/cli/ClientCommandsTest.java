package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.Json;
import dev.targo.cli.TargoServer.Result;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each client command against the embedded Temporal server and a worker on the local executor: what
 * it prints on standard output and error, and its exit code.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientCommandsTest {

  @TempDir static Path stateDir;

  private TargoServer server;

  @BeforeAll
  void start() {
    server = new TargoServer(stateDir);
  }

  @AfterAll
  void stop() throws InterruptedException {
    server.close();
  }

  @Test
  void unreachableTemporalIsOneLineWithExitCodeThree() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    Result r = TargoServer.run("", "get", "anything", "--address", "127.0.0.1:" + port);

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(r.err())
        .startsWith("targo: cannot reach Temporal at 127.0.0.1:" + port + ": UNAVAILABLE");
    assertThat(r.err().strip()).doesNotContain("\n");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void submitWithLintProblemsExitsTwoAndStartsNothing() {
    String broken = Workflows.succeeding("broken").replace("entrypoint: main", "entrypoint: mian");

    Result r = server.targo(broken, "submit", "-");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).endsWith("targo: 1 problem(s) found, nothing was started\n");
    assertThat(server.targo("", "get", "broken").err())
        .isEqualTo("targo: workflow broken not found\n");
  }

  @Test
  void submitPrintsTheNameOfTheStartedWorkflow() {
    Result r = server.targo(Workflows.succeeding("named"), "submit", "-", "-o", "name");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).isEqualTo("named\n");
  }

  @Test
  void submitWithGenerateNameAddsFiveCharacters() {
    Result r =
        server.targo(
            Workflows.succeeding("x"), "submit", "-", "--generate-name", "gen-", "-o", "name");

    assertThat(r.out()).matches("gen-[bcdfghjklmnpqrstvwxz2456789]{5}\n");
  }

  @Test
  void submitOfAnExistingNameExitsTwo() {
    server.targo(Workflows.succeeding("twice"), "submit", "-", "-o", "name");

    Result r = server.targo(Workflows.succeeding("twice"), "submit", "-", "-o", "name");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo("targo: workflow twice already exists (use --name or --generate-name)\n");
  }

  @Test
  void submitWaitExitsZeroWhenTheWorkflowSucceeded() {
    Result r = server.targo(Workflows.succeeding("waited"), "submit", "-", "--wait", "-o", "name");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).isEqualTo("waited\n");
  }

  @Test
  void submitWaitExitsOneWhenTheWorkflowFailed() {
    Result r = server.targo(Workflows.failing("failed"), "submit", "-", "--wait");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.WORKFLOW_FAILED);
    assertThat(r.out()).contains("Status:              Failed\n");
  }

  @Test
  void submitWatchLogsEachChangeToStandardErrorAndPrintsTheFinalTree() {
    Result r = server.targo(Workflows.succeeding("watched"), "submit", "-", "--watch", "--no-utf8");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.err()).endsWith("workflow Succeeded\n");
    assertThat(r.out()).contains("Status:              Succeeded\n").contains("STEP ");
  }

  @Test
  void getJsonOfAFinishedWorkflowParsesAsAnArgoWorkflow() throws Exception {
    server.targo(Workflows.succeeding("as-json"), "submit", "-", "--wait");

    Result r = server.targo("", "get", "as-json", "-o", "json");

    JsonNode doc = Json.mapper().readTree(r.out());
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(doc.path("apiVersion").asText()).isEqualTo("argoproj.io/v1alpha1");
    assertThat(doc.path("kind").asText()).isEqualTo("Workflow");
    assertThat(doc.path("metadata").path("name").asText()).isEqualTo("as-json");
    assertThat(doc.path("spec").path("entrypoint").asText()).isEqualTo("main");
    assertThat(doc.path("status").path("phase").asText()).isEqualTo("Succeeded");
    assertThat(doc.path("status").path("nodes").path("as-json").path("type").asText())
        .isEqualTo("Retry");
  }

  @Test
  void getPrintsTheArgoGetTree() {
    server.targo(Workflows.succeeding("as-tree"), "submit", "-", "--wait");

    Result r = server.targo("", "get", "as-tree");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .startsWith("Name:                as-tree\nNamespace:           default\n")
        .contains("Status:              Succeeded\n")
        .contains("STEP")
        .contains(" ✔ as-tree");
  }

  @Test
  void getOfAnUnknownWorkflowExitsTwo() {
    Result r = server.targo("", "get", "nobody");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).isEqualTo("targo: workflow nobody not found\n");
  }

  @Test
  void getRefusesAnOutputFormatItDoesNotOffer() {
    Result r = server.targo("", "get", "x", "-o", "name");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo("targo: output format 'name' is not offered here (json, yaml, wide)\n");
  }

  @Test
  void watchFollowsAWorkflowToItsEndAndExitsOneWhenItFailed() {
    server.targo(Workflows.failing("watch-failing"), "submit", "-", "-o", "name");

    Result r = server.targo("", "watch", "watch-failing");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.WORKFLOW_FAILED);
    assertThat(r.err()).endsWith("workflow Failed No more retries left\n");
  }

  @Test
  void listShowsWorkflowsWithTheirPrefixAndPhase() {
    server.targo(Workflows.succeeding("listed-a"), "submit", "-", "--wait");
    server.targo(Workflows.failing("listed-b"), "submit", "-", "--wait");

    Result r = server.targo("", "list", "--prefix", "listed-");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out().lines().map(l -> l.split(" +")[0] + " " + l.split(" +")[1]).toList())
        .containsExactly("NAME STATUS", "listed-b Failed", "listed-a Succeeded");
  }

  @Test
  void listRunningLeavesFinishedWorkflowsOut() {
    server.targo(Workflows.succeeding("only-done"), "submit", "-", "--wait");

    Result r = server.targo("", "list", "--running", "--prefix", "only-", "-o", "name");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void listByPhaseInAnyCaseWorksWithoutVisibilityQueries() {
    server.targo(Workflows.succeeding("phased-a"), "submit", "-", "--wait");
    server.targo(Workflows.failing("phased-b"), "submit", "-", "--wait");

    Result r = server.targo("", "list", "--phase", "failed", "--prefix", "phased-", "-o", "name");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).isEqualTo("phased-b\n");
  }

  @Test
  void listOfAPhaseArgoDoesNotHaveExitsTwoBeforeConnecting() {
    Result r = TargoServer.run("", "list", "--phase", "Bogus", "--address", "127.0.0.1:1");

    assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err())
        .isEqualTo(
            "targo: --phase: unknown phase 'Bogus' (Pending, Running, Succeeded, Failed or"
                + " Error)\n");
  }

  @Test
  void listByTemplateOnAServerWithoutVisibilityQueriesExitsTwo() {
    Result r = server.targo("", "list", "--template", "main");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).startsWith("targo: this Temporal server cannot query workflows by search");
  }

  @Test
  void wideListingCountsAttemptsOnAServerWithoutSearchAttributes() {
    server.targo(Workflows.shell("thrice", 2, "exit 1"), "submit", "-", "--wait");

    Result r = server.targo("", "list", "--prefix", "thrice", "-o", "wide");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    List<String> row = List.of(r.out().lines().skip(1).findFirst().orElseThrow().split(" +"));
    assertThat(row.get(0)).as(r.out()).isEqualTo("thrice");
    assertThat(row.get(row.size() - 1)).as(r.out()).isEqualTo("3");
  }

  @Test
  void aWorkflowThatContinuedAsNewIsListedOnceWithAllItsAttempts() throws Exception {
    // 131 fast failures: the run continues as new after 100 attempts.
    server.targo(Workflows.shell("continued", 130, "exit 1"), "submit", "-", "--wait");

    Result r = server.targo("", "list", "--prefix", "continued", "-o", "wide");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out().lines().skip(1).map(l -> List.of(l.split(" +"))).toList())
        .as(r.out())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.get(0)).isEqualTo("continued");
              assertThat(row.get(1)).isEqualTo("Failed");
              assertThat(row.get(row.size() - 1)).as(r.out()).isEqualTo("131");
            });
    // The submitted YAML lives in the first run's memo; -o json still shows it as the spec.
    JsonNode doc = Json.mapper().readTree(server.targo("", "get", "continued", "-o", "json").out());
    assertThat(doc.path("spec").path("entrypoint").asText()).isEqualTo("main");
    assertThat(doc.path("status").path("progress").asText()).isEqualTo("0/131");
  }

  @Test
  void childWorkflowsOfNodesAreListedOnlyWhenAskedFor() {
    String steps =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: stepped
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: hello
                template: echo
          - name: echo
            container:
              image: alpine:3
              command: [sh, -c]
              args: ["echo hi"]
        """;
    server.targo(steps, "submit", "-", "--wait");

    Result plain = server.targo("", "list", "--prefix", "stepped", "-o", "name");
    Result nodes =
        server.targo("", "list", "--prefix", "stepped", "--node-workflows", "-o", "name");

    assertThat(plain.out()).isEqualTo("stepped\n");
    assertThat(nodes.out().lines()).contains("stepped", "stepped/stepped[0].hello");
  }

  @Test
  void logsPrintsEachLinePrefixedByItsPod() {
    server.targo(Workflows.succeeding("logged"), "submit", "-", "--wait");

    Result r = server.targo("", "logs", "logged", "--state-dir", stateDir.toString());

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).as(r.err()).matches("logged(-main-[0-9]+)?: hello from logged\n");
  }

  @Test
  void logsFollowPrintsALocalPodsLinesWhileItRuns() throws Exception {
    server.targo(Workflows.shell("streamed", 0, "echo first; sleep 5; echo second"), "submit", "-");
    StringWriter out = new StringWriter();
    Console console =
        new Console(
            new PrintWriter(out, true),
            new PrintWriter(new StringWriter(), true),
            InputStream.nullInputStream(),
            false);
    CompletableFuture<Integer> logs = new CompletableFuture<>();
    Thread.ofVirtual()
        .start(
            () ->
                logs.complete(
                    Main.execute(
                        console,
                        "logs",
                        "streamed",
                        "-f",
                        "--state-dir",
                        stateDir.toString(),
                        "--address",
                        server.temporal.address())));
    Instant deadline = Instant.now().plusSeconds(20);
    while (!out.toString().contains(": first\n") && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }

    // The pod still sleeps: its first line came while it ran.
    assertThat(out.toString()).endsWith(": first\n").doesNotContain("second");
    assertThat(logs).isNotDone();
    assertThat(logs.get(60, TimeUnit.SECONDS)).isZero();
    assertThat(out.toString())
        .matches("(streamed-main-[0-9]+: first\n)(streamed-main-[0-9]+: second\n)");
  }

  @Test
  void logsOfARunningLocalPodPrintsWhatItWroteSoFar() throws Exception {
    server.targo(Workflows.shell("so-far", 0, "echo early; sleep 30"), "submit", "-");
    Result r = null;
    Instant deadline = Instant.now().plusSeconds(20);
    while ((r == null || r.out().isEmpty()) && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
      r = server.targo("", "logs", "so-far", "--state-dir", stateDir.toString());
    }

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out()).matches("so-far-main-[0-9]+: early\n");
    server.targo("", "terminate", "so-far");
  }

  @Test
  void submitLogPrintsEachPodsLinesPrefixedByItsNameThenTheFinalTree() {
    Result r =
        server.targo(
            Workflows.shell("sub-log", 1, "echo one; echo two"),
            "submit",
            "-",
            "--log",
            "--no-utf8",
            "--state-dir",
            stateDir.toString());

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .matches(
            "(?s)(sub-log-main-[0-9]+): one\n\\1: two\nName: +sub-log\n.*Status: +Succeeded\n.*");
  }

  @Test
  void submitLogPrintsEveryAttemptAndExitsOneWhenTheWorkflowFailed() {
    Result r =
        server.targo(
            Workflows.failing("sub-log-failing"),
            "submit",
            "-",
            "--log",
            "-o",
            "name",
            "--state-dir",
            stateDir.toString());

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.WORKFLOW_FAILED);
    assertThat(r.out())
        .matches(
            "sub-log-failing-main-[0-9]+: failing\nsub-log-failing-main-[0-9]+: failing\nsub-log-failing\n");
  }

  @Test
  void stopEndsARunningWorkflowWithArgosStopMessage() throws Exception {
    server.targo(Workflows.sleeping("to-stop"), "submit", "-", "-o", "name");
    awaitPod("to-stop");

    Result stopped = server.targo("", "stop", "to-stop");
    Result watched = server.targo("", "watch", "to-stop");

    assertThat(stopped.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(stopped.out()).isEqualTo("workflow to-stop stopped\n");
    assertThat(watched.exitCode()).isEqualTo(ExitCodes.WORKFLOW_FAILED);
    assertThat(watched.err()).endsWith("workflow Failed Stopped with strategy 'Stop'\n");
  }

  @Test
  void terminateOfAFinishedWorkflowExitsTwo() {
    server.targo(Workflows.succeeding("done-already"), "submit", "-", "--wait");

    Result r = server.targo("", "terminate", "done-already");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.BAD_INPUT);
    assertThat(r.err()).isEqualTo("targo: workflow done-already has already finished\n");
  }

  /** Waits until the workflow's first pod exists (its node has a pod name). */
  private void awaitPod(String name) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      Result r = server.targo("", "get", name, "-o", "json");
      if (r.out().contains("\"podName\"")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no pod for " + name);
  }
}
