package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.cli.TargoServer.Result;
import dev.targo.worker.runtime.ShutdownSignal;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Temporal Web UI, looked at in headless Chromium as a user looks at it, on a real {@code
 * temporal server start-dev} with a {@code targo worker}: a workflow with no retries left shows a
 * Failed badge, its failed attempts say their exit code and node, its backoff says why it waited;
 * the list filtered on {@code ArgoPhase="Failed"} holds it and not a workflow that succeeded.
 * Screenshots of each page are kept in {@code target/webui-screenshots}. Skipped, with the reason
 * printed, where the Temporal CLI or Chromium is missing ({@code scripts/install-temporal-cli},
 * {@code scripts/install-chromium}; {@code .ci/run} runs both first).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiBrowserIT {
  private static final Path SHOTS = Path.of("target", "webui-screenshots");
  private static final Duration PAGE = Duration.ofSeconds(60);

  @TempDir static Path dir;

  private TemporalDevServer server;
  private Chromium chromium;
  private final ShutdownSignal stop = ShutdownSignal.manual();
  private FutureTask<Integer> worker;
  private final StringWriter workerLog = new StringWriter();

  @BeforeAll
  void runAFailingAndASucceedingWorkflow() throws Exception {
    Optional<String> missing =
        TemporalDevServer.unavailable()
            .or(
                () ->
                    Chromium.binary().isEmpty()
                        ? Optional.of(
                            "Chromium is not installed (scripts/install-chromium installs it)")
                        : Optional.empty());
    missing.ifPresent(
        reason -> {
          System.err.println("WebUiBrowserIT skipped: " + reason);
          Assumptions.abort(reason);
        });
    server = TemporalDevServer.start(dir);
    startWorker();
    submit("ui-fails", "exit 1", "1");
    submit("ui-succeeds", "true", "0");
    chromium = Chromium.start(Chromium.binary().orElseThrow(), dir.resolve("chromium"));
  }

  private void submit(String name, String script, String limit) throws Exception {
    Path yaml = dir.resolve(name + ".yaml");
    Files.writeString(
        yaml,
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: %s
        spec:
          entrypoint: flaky
          templates:
          - name: flaky
            retryStrategy:
              limit: %s
              backoff: {duration: "1"}
              affinity: {nodeAntiAffinity: {}}
            container:
              image: alpine:3
              command: [sh, -c, "%s"]
        """
            .formatted(name, limit, script));
    Result r =
        TargoServer.run("", "submit", yaml.toString(), "--wait", "--address", server.address);
    assertThat(r.exitCode()).as(r.err()).isEqualTo(script.equals("true") ? 0 : 1);
  }

  @Test
  void aFailedWorkflowShowsAFailedBadgeAndWhyEachAttemptFailed() throws Exception {
    chromium.open(server.ui + "/namespaces/default/workflows/ui-fails");
    String text =
        chromium.waitForText(
            t -> t.contains("Activity Task Failed") && t.contains("ui-fails"), PAGE);
    chromium.screenshot(SHOTS.resolve("failed-workflow.png"));

    assertThat(text).containsPattern(Pattern.compile("Back to Workflows\\s+Failed\\s+ui-fails"));
    assertThat(text)
        .contains("RunPodAttempt • attempt 1/2 of flaky")
        .contains("RunPodAttempt • attempt 2/2 of flaky, excluding [node-1]")
        .contains("main: Error (exit code 1) on node-1")
        .contains("main: Error (exit code 1) on node-2")
        .contains("backoff 1s before attempt 2 — attempt 1 Failed (exit 1) on node-1")
        .contains("No more retries left");
  }

  @Test
  void aSucceededWorkflowShowsACompletedBadge() throws Exception {
    chromium.open(server.ui + "/namespaces/default/workflows/ui-succeeds");
    String text =
        chromium.waitForText(
            t -> t.contains("Activity Task Completed") && t.contains("ui-succeeds"), PAGE);
    chromium.screenshot(SHOTS.resolve("succeeded-workflow.png"));

    assertThat(text)
        .containsPattern(Pattern.compile("Back to Workflows\\s+Completed\\s+ui-succeeds"));
  }

  @Test
  void theListFilteredOnArgoPhaseFailedHoldsTheFailedWorkflowOnly() throws Exception {
    String query = URLEncoder.encode("ArgoPhase=\"Failed\"", StandardCharsets.UTF_8);
    chromium.open(server.ui + "/namespaces/default/workflows?query=" + query);
    String text = chromium.waitForText(t -> t.contains("ui-fails"), PAGE);
    chromium.screenshot(SHOTS.resolve("failed-list.png"));

    assertThat(text).contains("Failed").doesNotContain("ui-succeeds");
  }

  private void startWorker() throws InterruptedException {
    Console console =
        new Console(
            new PrintWriter(new StringWriter()),
            new PrintWriter(workerLog, true),
            new ByteArrayInputStream(new byte[0]),
            false);
    CommandLine cli = new CommandLine(new WorkerCommand(console, stop));
    worker =
        new FutureTask<>(
            () ->
                cli.execute(
                    "--executor",
                    "local",
                    "--address",
                    server.address,
                    "--metrics-port",
                    "-1",
                    "--state-dir",
                    dir.resolve("pods").toString()));
    Thread.ofPlatform().name("targo-worker-browser-it").daemon().start(worker);
    for (int i = 0; i < 300 && !workerLog.toString().contains("polling task queue"); i++) {
      Thread.sleep(100);
    }
    assertThat(workerLog.toString()).contains("registered search attributes");
  }

  @AfterAll
  void stop() throws Exception {
    if (chromium != null) {
      chromium.close();
    }
    if (server == null) {
      return;
    }
    stop.request();
    worker.get(30, TimeUnit.SECONDS);
    server.close();
  }
}
