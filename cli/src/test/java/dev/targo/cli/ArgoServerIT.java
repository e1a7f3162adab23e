package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.Json;
import dev.targo.worker.runtime.ShutdownSignal;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code targo server} answers the requests Hera 7 sends (the bodies in {@code hera7/}, recorded
 * from Hera's own request models by {@code hera7/record.py}) as Argo Server answers them, on a real
 * {@code temporal server start-dev} with a {@code targo worker --executor local}; skipped, with the
 * reason printed, where the Temporal CLI has not been built.
 */
class ArgoServerIT {
  private static final String TOKEN = "it-token-42";
  private static final String NS = "argo";

  @TempDir static Path dir;

  private static TemporalDevServer temporal;
  private static InProcessWorker worker;
  private static final ShutdownSignal stop = ShutdownSignal.manual();
  private static final StringWriter serverLog = new StringWriter();
  private static FutureTask<Integer> server;
  private static String base;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeAll
  static void start() throws Exception {
    TemporalDevServer.assumeAvailable("ArgoServerIT");
    temporal = TemporalDevServer.start(dir);
    worker = InProcessWorker.start(temporal.address, dir.resolve("pods"));
    Path tokenFile = dir.resolve("token");
    Files.writeString(tokenFile, TOKEN + "\n");
    Console console =
        new Console(
            new PrintWriter(new StringWriter()),
            new PrintWriter(serverLog, true),
            new ByteArrayInputStream(new byte[0]),
            false);
    CommandLine cli = new CommandLine(new ServerCommand(console, stop));
    String[] args = {
      "--port",
      "0",
      "--token-file",
      tokenFile.toString(),
      "--address",
      temporal.address,
      "--state-dir",
      dir.resolve("pods").toString()
    };
    server = new FutureTask<>(() -> cli.execute(args));
    Thread.ofPlatform().name("targo-server-it").daemon().start(server);
    Pattern listening = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+)");
    for (int i = 0; i < 100 && base == null; i++) {
      Matcher m = listening.matcher(serverLog.toString());
      if (m.find()) {
        base = m.group(1);
      } else {
        Thread.sleep(100);
      }
    }
    assertThat(base).as(serverLog.toString()).isNotNull();
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      stop.request();
      server.get(30, TimeUnit.SECONDS);
    }
    if (worker != null) {
      worker.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  // --- requests -----------------------------------------------------------------------------

  record Answer(int status, JsonNode body, String text) {}

  private static String recorded(String name) throws Exception {
    return Files.readString(Path.of("src", "test", "resources", "hera7", name));
  }

  private static Answer send(String method, String path, String body, String token)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (token != null) {
      b.header("Authorization", token);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode json;
    try {
      json = Json.mapper().readTree(r.body());
    } catch (Exception e) {
      json = null;
    }
    return new Answer(r.statusCode(), json, r.body());
  }

  private static Answer send(String method, String path, String body) throws Exception {
    return send(method, path, body, "Bearer " + TOKEN);
  }

  private static JsonNode ok(Answer a) {
    assertThat(a.status()).as(a.text()).isEqualTo(200);
    return a.body();
  }

  private static String create(String recordedBody) throws Exception {
    JsonNode created = ok(send("POST", "/api/v1/workflows/" + NS, recordedBody));
    assertThat(created.path("status").path("phase").asText()).isEqualTo("Running");
    return created.path("metadata").path("name").asText();
  }

  /** The workflow once its phase is no longer Running, as Hera's wait() polls it. */
  private static JsonNode awaitEnd(String name, Duration limit) throws Exception {
    Instant deadline = Instant.now().plus(limit);
    while (true) {
      JsonNode wf = ok(send("GET", "/api/v1/workflows/" + NS + "/" + name, null));
      String phase = wf.path("status").path("phase").asText();
      assertThat(phase).isNotEmpty();
      if (!phase.equals("Running") || Instant.now().isAfter(deadline)) {
        return wf;
      }
      Thread.sleep(500);
    }
  }

  private static List<String> names(String query) throws Exception {
    JsonNode list = ok(send("GET", "/api/v1/workflows/" + NS + query, null));
    return StreamSupport.stream(list.path("items").spliterator(), false)
        .map(i -> i.path("metadata").path("name").asText())
        .toList();
  }

  private static void awaitLog(String name, String text) throws Exception {
    for (int i = 0; i < 100; i++) {
      Answer a = send("GET", "/api/v1/workflows/" + NS + "/" + name + "/log", null);
      if (a.text().contains(text)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("no log line " + text + " of " + name);
  }

  private static String withName(String recordedBody, String name) throws Exception {
    ObjectNode body = (ObjectNode) Json.mapper().readTree(recordedBody);
    ((ObjectNode) body.path("workflow").path("metadata")).put("name", name);
    return body.toString();
  }

  // --- the contract -------------------------------------------------------------------------

  @Test
  void heraCreateIsRunningAtOnceAndGetReadsEveryAttemptUntilTheEnd() throws Exception {
    String name = create(recorded("create-retry-backoff.json"));
    assertThat(name).matches("retry-backoff-[a-z0-9]{5}");

    JsonNode wf = awaitEnd(name, Duration.ofMinutes(3));
    String phase = wf.path("status").path("phase").asText();
    assertThat(phase).isIn("Succeeded", "Failed");
    assertThat(wf.path("metadata").path("namespace").asText()).isEqualTo(NS);
    assertThat(wf.path("status").path("startedAt").asText()).isNotEmpty();
    assertThat(wf.path("status").path("finishedAt").asText()).isNotEmpty();
    assertThat(wf.path("spec").path("templates").get(0).path("retryStrategy").path("limit").asInt())
        .isEqualTo(10);
    List<JsonNode> pods =
        StreamSupport.stream(wf.path("status").path("nodes").spliterator(), false)
            .filter(n -> n.path("type").asText().equals("Pod"))
            .sorted((a, b) -> a.path("startedAt").asText().compareTo(b.path("startedAt").asText()))
            .toList();
    assertThat(pods).isNotEmpty();
    List<String> phases = pods.stream().map(p -> p.path("phase").asText()).toList();
    if (phase.equals("Succeeded")) {
      assertThat(phases.get(phases.size() - 1)).isEqualTo("Succeeded");
      assertThat(phases.subList(0, phases.size() - 1)).allMatch("Failed"::equals);
    } else {
      assertThat(phases).allMatch("Failed"::equals);
    }
    // nodeAntiAffinity: no two failed attempts on one host.
    List<String> failedHosts =
        pods.stream()
            .filter(p -> p.path("phase").asText().equals("Failed"))
            .map(p -> p.path("hostNodeName").asText())
            .toList();
    assertThat(failedHosts).doesNotHaveDuplicates();
    assertThat(wf.path("metadata").path("labels").path("workflows.argoproj.io/completed").asText())
        .isEqualTo("true");
  }

  @Test
  void anInvalidWorkflowIs400WithTheTranslatorsProblemsAndNothingStarts() throws Exception {
    Answer a = send("POST", "/api/v1/workflows/" + NS, recorded("create-invalid.json"));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body().path("code").asInt()).isEqualTo(3);
    assertThat(a.body().path("message").asText())
        .startsWith("1 problem found, nothing was started:\nworkflow.yaml:")
        .contains("retryStrategy.limit");
    assertThat(names("")).noneMatch(n -> n.startsWith("bad-"));
  }

  @Test
  void aMissingOrWrongTokenIs401AndNothingStarts() throws Exception {
    String body = withName(recorded("create-sleeper.json"), "unauthorized");
    Answer missing = send("POST", "/api/v1/workflows/" + NS, body, null);
    Answer wrong = send("POST", "/api/v1/workflows/" + NS, body, "Bearer nope");
    assertThat(missing.status()).isEqualTo(401);
    assertThat(missing.body().path("code").asInt()).isEqualTo(16);
    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.body().path("message").asText()).isEqualTo("token not valid");
    assertThat(send("GET", "/api/v1/workflows/" + NS + "/unauthorized", null).status())
        .isEqualTo(404);
  }

  @Test
  void lintAnswersTheWorkflowOrItsProblems() throws Exception {
    JsonNode linted =
        ok(send("POST", "/api/v1/workflows/" + NS + "/lint", recorded("lint-retry-backoff.json")));
    assertThat(linted.path("metadata").path("generateName").asText()).isEqualTo("retry-backoff-");
    Answer bad = send("POST", "/api/v1/workflows/" + NS + "/lint", recorded("create-invalid.json"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.body().path("message").asText()).contains("workflow.yaml:");
  }

  @Test
  void stopEndsARunningWorkflowAsArgosStopStrategyAndListSelectsByArgosLabels() throws Exception {
    String name = create(withName(recorded("create-sleeper.json"), "sleeper-stopped"));
    awaitLog(name, "started");
    assertThat(names("?listOptions.labelSelector=workflows.argoproj.io/completed!%3Dtrue"))
        .contains(name);

    ok(send("PUT", "/api/v1/workflows/" + NS + "/" + name + "/stop", recorded("stop.json")));
    JsonNode wf = awaitEnd(name, Duration.ofSeconds(60));
    assertThat(wf.path("status").path("phase").asText()).isEqualTo("Failed");
    assertThat(wf.path("status").path("message").asText())
        .isEqualTo("Stopped with strategy 'Stop'");

    Answer again =
        send("PUT", "/api/v1/workflows/" + NS + "/" + name + "/stop", recorded("stop.json"));
    assertThat(again.status()).isEqualTo(400);
    assertThat(names("?listOptions.labelSelector=workflows.argoproj.io/completed%3Dtrue"))
        .contains(name);
    JsonNode masked =
        ok(
            send(
                "GET",
                "/api/v1/workflows/"
                    + NS
                    + "?listOptions.fieldSelector=metadata.name%3D"
                    + name
                    + "&fields=items.metadata.name,items.status.phase",
                null));
    assertThat(masked.toString())
        .isEqualTo(
            "{\"items\":[{\"metadata\":{\"name\":\""
                + name
                + "\"},\"status\":{\"phase\":\"Failed\"}}]}");
  }

  @Test
  void terminateRetryResubmitAndDelete() throws Exception {
    String name = create(withName(recorded("create-sleeper.json"), "sleeper-terminated"));
    Answer retry =
        send("PUT", "/api/v1/workflows/" + NS + "/" + name + "/retry", recorded("retry.json"));
    assertThat(retry.status()).isEqualTo(400);
    assertThat(retry.body().path("code").asInt()).isEqualTo(3);
    assertThat(retry.body().path("message").asText())
        .isEqualTo("cannot retry " + name + ": Cannot retry a workflow in phase Running");
    Answer memoized =
        send("PUT", "/api/v1/workflows/" + NS + "/" + name + "/resubmit", "{\"memoized\":true}");
    assertThat(memoized.status()).isEqualTo(400);
    assertThat(memoized.body().path("message").asText())
        .isEqualTo(
            "cannot resubmit "
                + name
                + ": workflow must be Failed/Error to resubmit in memoized mode");
    JsonNode resubmitted =
        ok(
            send(
                "PUT",
                "/api/v1/workflows/" + NS + "/" + name + "/resubmit",
                recorded("resubmit.json")));
    String again = resubmitted.path("metadata").path("name").asText();
    assertThat(again).matches(name + "-[a-z0-9]{5}");
    assertThat(resubmitted.path("status").path("phase").asText()).isEqualTo("Running");
    assertThat(
            resubmitted
                .path("metadata")
                .path("labels")
                .path("workflows.argoproj.io/resubmitted-from-workflow")
                .asText())
        .isEqualTo(name);
    ok(send("PUT", "/api/v1/workflows/" + NS + "/" + again + "/terminate", "{}"));

    ok(
        send(
            "PUT",
            "/api/v1/workflows/" + NS + "/" + name + "/terminate",
            recorded("terminate.json")));
    JsonNode wf = awaitEnd(name, Duration.ofSeconds(60));
    assertThat(wf.path("status").path("message").asText())
        .isEqualTo("Stopped with strategy 'Terminate'");
    // Terminated, it is Failed: a retry runs its pod again under the same name.
    JsonNode retried =
        ok(send("PUT", "/api/v1/workflows/" + NS + "/" + name + "/retry", recorded("retry.json")));
    assertThat(retried.path("metadata").path("name").asText()).isEqualTo(name);
    assertThat(retried.path("status").path("phase").asText()).isEqualTo("Running");

    assertThat(ok(send("DELETE", "/api/v1/workflows/" + NS + "/" + name, null)).toString())
        .isEqualTo("{}");
    Answer gone = send("GET", "/api/v1/workflows/" + NS + "/" + name, null);
    assertThat(gone.status()).isEqualTo(404);
    assertThat(gone.body().path("message").asText())
        .isEqualTo("workflows.argoproj.io \"" + name + "\" not found");
  }

  private static final String APPROVAL =
      """
      {"workflow": {"metadata": {"name": "approval-api"}, "spec": {"entrypoint": "main",
        "templates": [
          {"name": "main", "steps": [
            [{"name": "approve", "template": "approve"}],
            [{"name": "release", "template": "print", "arguments": {"parameters": [
              {"name": "message", "value": "{{steps.approve.outputs.parameters.message}}"}]}}]]},
          {"name": "approve", "suspend": {}, "outputs": {"parameters": [
            {"name": "message", "valueFrom": {"supplied": {}}}]}},
          {"name": "print", "inputs": {"parameters": [{"name": "message"}]},
           "container": {"image": "alpine:3.20", "command": ["echo", "{{inputs.parameters.message}}"]}}]}}}
      """;

  @Test
  void setAndResumeActOnSuspendedNodesAsArgoServerDoes() throws Exception {
    String name = create(APPROVAL);
    String path = "/api/v1/workflows/" + NS + "/" + name;
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!ok(send("GET", path, null))
        .path("status")
        .path("nodes")
        .toString()
        .contains("Suspend")) {
      assertThat(Instant.now()).as("suspend node started").isBefore(deadline);
      Thread.sleep(200);
    }

    // Argo refuses resuming a node whose supplied output has neither a value nor a default.
    Answer early = send("PUT", path + "/resume", "{\"nodeFieldSelector\":\"displayName=approve\"}");
    Answer badPhase =
        send(
            "PUT",
            path + "/set",
            "{\"nodeFieldSelector\":\"displayName=approve\",\"phase\":\"Done\"}");
    ok(
        send(
            "PUT",
            path + "/set",
            "{\"nodeFieldSelector\":\"displayName=approve\","
                + "\"outputParameters\":\"{\\\"message\\\":\\\"shipped\\\"}\"}"));
    ok(send("PUT", path + "/resume", "{\"nodeFieldSelector\":\"displayName=approve\"}"));
    JsonNode ended = awaitEnd(name, Duration.ofSeconds(60));

    assertThat(early.status()).as(early.text()).isEqualTo(400);
    assertThat(early.body().path("message").asText())
        .isEqualTo(
            "node approve: raw output parameter 'message' has not been set and does not have a"
                + " default value");
    assertThat(badPhase.status()).isEqualTo(400);
    assertThat(badPhase.body().path("message").asText())
        .isEqualTo("Done is an invalid phase to set to");
    assertThat(ended.path("status").path("phase").asText()).isEqualTo("Succeeded");
    awaitLog(name, "shipped");
    Answer late = send("PUT", path + "/resume", null);
    assertThat(late.status()).as(late.text()).isEqualTo(400);
    assertThat(late.body().path("code").asInt()).isEqualTo(9);
    assertThat(late.body().path("message").asText())
        .isEqualTo("workflow " + name + " has already finished");
  }

  @Test
  void logsAndWorkflowEventsStreamAsGrpcGatewayAndServerSentEvents() throws Exception {
    String name = create(withName(recorded("create-sleeper.json"), "sleeper-logged"));
    awaitLog(name, "started");
    Answer lines = send("GET", "/api/v1/workflows/" + NS + "/" + name + "/log", null);
    JsonNode entry = Json.mapper().readTree(lines.text().lines().findFirst().orElseThrow());
    assertThat(entry.path("result").path("content").asText()).isEqualTo("started");
    String pod = entry.path("result").path("podName").asText();
    assertThat(pod).startsWith(name);
    assertThat(
            send("GET", "/api/v1/workflows/" + NS + "/" + name + "/" + pod + "/log", null).text())
        .isEqualTo(lines.text());

    ok(send("PUT", "/api/v1/workflows/" + NS + "/" + name + "/terminate", "{}"));
    HttpResponse<String> events =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(
                        base
                            + "/api/v1/workflow-events/"
                            + NS
                            + "?listOptions.fieldSelector=metadata.name%3D"
                            + name))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(60))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(events.headers().firstValue("Content-Type")).hasValue("text/event-stream");
    List<JsonNode> data = new ArrayList<>();
    for (String line : events.body().split("\n")) {
      if (line.startsWith("data: ")) {
        data.add(Json.mapper().readTree(line.substring(6)).path("result"));
      }
    }
    assertThat(data).isNotEmpty();
    assertThat(data.get(0).path("type").asText()).isEqualTo("ADDED");
    assertThat(data.get(data.size() - 1).path("object").path("status").path("phase").asText())
        .isEqualTo("Failed");
  }

  @Test
  void theLogOfAPodTheWorkflowDoesNotHaveIs400() throws Exception {
    String name = create(recorded("create-retry-backoff.json"));
    awaitEnd(name, Duration.ofMinutes(3));
    Answer a = send("GET", "/api/v1/workflows/" + NS + "/" + name + "/log?podName=nope", null);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.body().path("message").asText())
        .isEqualTo("workflow " + name + " has no pod nope");
  }

  @Test
  void anotherNamespaceDoesNotSeeTheWorkflow() throws Exception {
    String name = create(withName(recorded("create-sleeper.json"), "sleeper-elsewhere"));
    Answer other = send("GET", "/api/v1/workflows/other/" + name, null);
    assertThat(other.status()).isEqualTo(404);
    assertThat(other.body().path("code").asInt()).isEqualTo(5);
    assertThat(names("")).contains(name);
    assertThat(
            ok(send("GET", "/api/v1/workflows/" + NS + "/@latest", null))
                .path("metadata")
                .path("name")
                .asText())
        .isEqualTo(name);
    Answer twice =
        send("POST", "/api/v1/workflows/other", withName(recorded("create-sleeper.json"), name));
    assertThat(twice.status()).isEqualTo(409);
    assertThat(twice.body().path("code").asInt()).isEqualTo(6);
    assertThat(twice.body().path("message").asText())
        .isEqualTo("workflows.argoproj.io \"" + name + "\" already exists");
    ok(send("PUT", "/api/v1/workflows/" + NS + "/" + name + "/terminate", "{}"));
  }

  @Test
  void infoVersionAndUserinfoAnswer() throws Exception {
    assertThat(ok(send("GET", "/api/v1/version", null)).path("version").asText())
        .startsWith("targo");
    assertThat(ok(send("GET", "/api/v1/userinfo", null)).path("subject").asText())
        .isEqualTo("targo-token");
    assertThat(ok(send("GET", "/api/v1/info", null)).has("links")).isTrue();
    Answer templates = send("GET", "/api/v1/workflow-templates/" + NS, null);
    assertThat(templates.status()).isEqualTo(501);
  }

  /**
   * A thousand concurrent GETs of one workflow, all answered 200; the latency is printed (a
   * measurement, not a limit).
   */
  @Test
  void aThousandConcurrentGetsAreAllAnswered() throws Exception {
    String name = create(withName(recorded("create-sleeper.json"), "sleeper-polled"));
    awaitLog(name, "started");
    int n = 1000;
    HttpRequest get =
        HttpRequest.newBuilder(URI.create(base + "/api/v1/workflows/" + NS + "/" + name))
            .header("Authorization", "Bearer " + TOKEN)
            .timeout(Duration.ofSeconds(120))
            .build();
    long[] millis = new long[n];
    int[] status = new int[n];
    Instant start = Instant.now();
    try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n; i++) {
        int k = i;
        threads.submit(
            () -> {
              long t0 = System.nanoTime();
              try {
                HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                status[k] = r.statusCode();
              } catch (Exception e) {
                status[k] = -1;
              }
              millis[k] = (System.nanoTime() - t0) / 1_000_000;
            });
      }
    }
    long wall = Duration.between(start, Instant.now()).toMillis();
    java.util.Arrays.sort(millis);
    System.out.printf(
        "ArgoServerIT: %d concurrent GETs of a running workflow in %d ms: p50 %d ms, p90 %d ms,"
            + " p99 %d ms, max %d ms%n",
        n, wall, millis[n / 2], millis[n * 9 / 10], millis[n * 99 / 100], millis[n - 1]);
    assertThat(status).containsOnly(200);
    ok(send("PUT", "/api/v1/workflows/" + NS + "/" + name + "/terminate", "{}"));
  }
}
