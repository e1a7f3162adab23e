package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.cli.TargoServer.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code targo get} once the worker is gone: it neither hangs nor prints a made-up status, but
 * replays the workflow's history in the client and says so. Two workflows are left waiting in a
 * one-minute backoff after a failed attempt, one retried at the root and one in a step (its own
 * child workflow), before the worker stops.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GetWithoutWorkerTest {

  @TempDir static Path stateDir;

  private TargoServer server;

  private static final String NOTICE =
      "targo: no worker answered the status query within 2 s; the status below was rebuilt from"
          + " the workflow's history\n";

  private static final String BACKOFF =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: %s
      spec:
        entrypoint: %s
        templates:
        - name: main
          steps:
          - - name: try
              template: flaky
        - name: flaky
          retryStrategy:
            limit: 3
            backoff: {duration: 1m}
          container:
            image: alpine:3
            command: [sh, -c]
            args: ["exit 1"]
      """;

  @BeforeAll
  void leaveTwoWorkflowsInBackoffAndStopTheWorker() throws Exception {
    server = new TargoServer(stateDir);
    server.targo(BACKOFF.formatted("in-backoff", "flaky"), "submit", "-");
    server.targo(BACKOFF.formatted("step-in-backoff", "main"), "submit", "-");
    awaitBackoff("in-backoff");
    awaitBackoff("step-in-backoff");
    server.stopWorker();
  }

  @AfterAll
  void stop() throws InterruptedException {
    server.close();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aRetryInBackoffIsShownFromItsHistoryWithANote() {
    Result r = server.targo("", "get", "in-backoff", "--no-utf8");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.err()).isEqualTo(NOTICE);
    assertThat(r.out())
        .contains("Status:              Running\n")
        .contains("Progress:            0/1\n")
        .containsPattern(" Running in-backoff +flaky +Backoff for 1 minute")
        .containsPattern(
            " `-Failed in-backoff\\(0\\) +flaky +in-backoff-flaky-\\d+ +\\d+s +main:"
                + " Error \\(exit code 1\\)");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void aStepInBackoffIsReplayedFromItsOwnChildWorkflow() {
    Result r = server.targo("", "get", "step-in-backoff", "--no-utf8");

    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    assertThat(r.err()).isEqualTo(NOTICE);
    assertThat(r.out())
        .containsPattern("Running try +flaky +Backoff for 1 minute")
        .containsPattern("`-Failed try\\(0\\) +flaky +step-in-backoff-flaky-\\d+");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void jsonOutputCarriesTheReplayedStatusAndTheNoteStaysOnStandardError() {
    Result r = server.targo("", "get", "in-backoff", "-o", "json");

    assertThat(r.err()).isEqualTo(NOTICE);
    assertThat(r.out()).contains("\"message\" : \"Backoff for 1 minute");
  }

  private void awaitBackoff(String name) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      if (server.targo("", "get", name).out().contains("Backoff for")) {
        return;
      }
      Thread.sleep(300);
    }
    throw new AssertionError(name + " never reached its backoff");
  }
}
