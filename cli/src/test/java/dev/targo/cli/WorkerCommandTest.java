package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.Json;
import dev.targo.cli.client.EmbeddedTemporal;
import dev.targo.worker.runtime.ShutdownSignal;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code targo worker} against the embedded Temporal server: it runs submitted workflows, serves
 * {@code /healthz}, {@code /readyz} and Prometheus {@code /metrics}, and stops when asked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerCommandTest {
  private static final Pattern PORT = Pattern.compile("/readyz on 127\\.0\\.0\\.1 port (\\d+)");

  @TempDir static Path stateDir;

  private EmbeddedTemporal temporal;
  private final StringWriter err = new StringWriter();
  private final ShutdownSignal stop = ShutdownSignal.manual();
  private FutureTask<Integer> worker;
  private int port;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  void start() throws Exception {
    temporal = EmbeddedTemporal.start();
    Console console =
        new Console(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err, true),
            new ByteArrayInputStream(new byte[0]),
            false);
    CommandLine cli = new CommandLine(new WorkerCommand(console, stop));
    // A thread of its own: the common fork-join pool (one thread on a two-core machine) must stay
    // free, the JDK completes Process.onExit() on it.
    worker =
        new FutureTask<>(
            () ->
                cli.execute(
                    "--executor",
                    "local",
                    "--address",
                    temporal.address(),
                    "--metrics-port",
                    "0",
                    "--metrics-address",
                    "127.0.0.1",
                    "--state-dir",
                    stateDir.toString(),
                    "--log-format",
                    "json"));
    Thread.ofPlatform().name("targo-worker-command").daemon().start(worker);
    for (int i = 0; i < 200 && !PORT.matcher(err.toString()).find(); i++) {
      Thread.sleep(50);
    }
    Matcher m = PORT.matcher(err.toString());
    assertThat(m.find()).as(err.toString()).isTrue();
    port = Integer.parseInt(m.group(1));
  }

  @AfterAll
  void close() throws Exception {
    stop.request();
    worker.get();
    temporal.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private int submit(String name) {
    return submit(name, "alpine:3");
  }

  private int submit(String name, String image) {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: %s
        spec:
          entrypoint: main
          templates:
          - name: main
            container:
              image: %s
              command: [sh, -c]
              args: ["echo hi"]
        """
            .formatted(name, image);
    Console console =
        new Console(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)),
            false);
    return Main.execute(console, "submit", "-", "--wait", "--address", temporal.address());
  }

  /** The JSON objects of the worker's standard error, one per line. */
  private List<JsonNode> logLines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : err.toString().lines().toList()) {
      lines.add(Json.mapper().readTree(line));
    }
    return lines;
  }

  private List<String> messages() throws Exception {
    return logLines().stream().map(l -> l.path("message").asText()).toList();
  }

  @Test
  void saysWhatItPollsAndThatTheServerKeepsNoSearchAttributes() throws Exception {
    assertThat(messages())
        .contains(
            "targo worker: this Temporal server does not let targo register search attributes;"
                + " workflows run without them")
        .anyMatch(
            m ->
                m.startsWith(
                    "targo worker polling task queue targo of namespace default at "
                        + temporal.address()));
  }

  @Test
  void everyLineOnStandardErrorIsOneJsonObjectWithTimeLevelAndMessage() throws Exception {
    assertThat(submit("json-lines")).isEqualTo(ExitCodes.OK);

    assertThat(logLines())
        .isNotEmpty()
        .allSatisfy(
            l -> {
              assertThat(l.isObject()).isTrue();
              assertThat(l.path("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
              assertThat(l.path("level").asText()).isIn("INFO", "WARN", "ERROR");
              assertThat(l.has("message")).isTrue();
            });
  }

  @Test
  void aLineTheExecutorLogsDuringAnAttemptCarriesItsWorkflowNodeAttemptAndPod() throws Exception {
    assertThat(submit("with-fields", "fields-check:1")).isEqualTo(ExitCodes.OK);

    JsonNode line =
        logLines().stream()
            .filter(l -> l.path("message").asText().startsWith("image fields-check:1 is not run"))
            .findFirst()
            .orElseThrow();

    assertThat(line.path("logger").asText())
        .isEqualTo("dev.targo.worker.executor.local.LocalExecutor");
    assertThat(line.path("WorkflowId").asText()).isEqualTo("with-fields");
    assertThat(line.path("ArgoWorkflow").asText()).isEqualTo("with-fields");
    assertThat(line.path("ArgoNode").asText()).isEqualTo("with-fields");
    assertThat(line.path("ArgoAttempt").asText()).isEqualTo("1");
    assertThat(line.path("ArgoPod").asText()).startsWith("with-fields");
    assertThat(line.path("ActivityType").asText()).isEqualTo("RunPodAttempt");
  }

  @Test
  void eachAttemptIsLoggedWhenItStartsAndWhenItsPodEnds() throws Exception {
    assertThat(submit("attempt-lines")).isEqualTo(ExitCodes.OK);

    List<String> lines =
        logLines().stream()
            .filter(l -> "attempt-lines".equals(l.path("ArgoWorkflow").asText()))
            .filter(l -> l.path("logger").asText().endsWith("LogContextInterceptor"))
            .map(l -> l.path("ArgoAttempt").asText() + " " + l.path("message").asText())
            .toList();

    assertThat(lines)
        .hasSize(2)
        .satisfies(
            l -> {
              assertThat(l.get(0))
                  .matches("1 Running attempt 1 of attempt-lines as pod attempt-lines.*");
              assertThat(l.get(1)).matches("1 Pod attempt-lines.* ended Succeeded");
            });
  }

  @Test
  void healthzAndReadyzAnswerOkWhileRunning() throws Exception {
    assertThat(get("/healthz").body()).isEqualTo("ok\n");
    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void runsSubmittedWorkflowsAndCountsTheirAttemptsInMetrics() throws Exception {
    assertThat(submit("counted")).isEqualTo(ExitCodes.OK);

    String metrics = get("/metrics").body();

    assertThat(metrics).contains("targo_attempts_total{outcome=\"Succeeded\"}");
    assertThat(metrics).contains("targo_pods_in_flight 0.0");
    assertThat(metrics).contains("targo_pods_swept_total 0.0");
  }

  @Test
  void exportsTheTemporalSdkMetrics() throws Exception {
    String metrics = "";
    for (int i = 0; i < 50 && !metrics.contains("temporal_"); i++) {
      Thread.sleep(100);
      metrics = get("/metrics").body();
    }

    assertThat(metrics).contains("temporal_request_total");
  }
}
