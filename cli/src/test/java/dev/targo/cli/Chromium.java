package dev.targo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium (Debian's {@code chromium}) driven through the DevTools protocol over the JDK's
 * own WebSocket client: open a page, wait until its text says something, take a screenshot. Enough
 * to look at the Temporal Web UI as a user does, without a driver library.
 */
final class Chromium implements AutoCloseable {
  private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");

  private final Process process;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  /** The browser binary, or empty when Chromium is not installed. */
  static Optional<Path> binary() {
    for (String name : new String[] {"chromium", "chromium-browser", "google-chrome"}) {
      for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Starts a headless browser with a fresh profile in {@code dir}, showing one page. */
  static Chromium start(Path binary, Path dir) throws Exception {
    Process process =
        new ProcessBuilder(
                binary.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--window-size=1400,1000",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--user-data-dir=" + dir,
                "about:blank")
            .redirectErrorStream(true)
            .start();
    String browserUrl = devtoolsUrl(process);
    URI base = URI.create(browserUrl.replaceFirst("^ws://", "http://"));
    HttpClient http = HttpClient.newHttpClient();
    String targets =
        http.send(
                HttpRequest.newBuilder(base.resolve("/json/list")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    String pageUrl = null;
    for (JsonNode target : Json.mapper().readTree(targets)) {
      if ("page".equals(target.path("type").asText())) {
        pageUrl = target.path("webSocketDebuggerUrl").asText();
      }
    }
    if (pageUrl == null) {
      process.destroyForcibly();
      throw new IllegalStateException("Chromium shows no page: " + targets);
    }
    Chromium chromium = new Chromium(process, http, URI.create(pageUrl));
    chromium.call("Page.enable", Json.mapper().createObjectNode());
    chromium.call("Runtime.enable", Json.mapper().createObjectNode());
    return chromium;
  }

  private Chromium(Process process, HttpClient http, URI page) throws Exception {
    this.process = process;
    this.socket =
        http.newWebSocketBuilder().buildAsync(page, new Listener()).get(20, TimeUnit.SECONDS);
  }

  private static String devtoolsUrl(Process process) throws IOException {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    Instant deadline = Instant.now().plusSeconds(30);
    String line;
    StringBuilder seen = new StringBuilder();
    while (Instant.now().isBefore(deadline) && (line = lines.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher m = DEVTOOLS.matcher(line);
      if (m.find()) {
        // The rest of its output is not read again; it goes nowhere rather than blocking it.
        Thread.ofVirtual().start(() -> lines.lines().forEach(l -> {}));
        return m.group(1);
      }
    }
    process.destroyForcibly();
    throw new IllegalStateException("Chromium gave no DevTools address:\n" + seen);
  }

  /** Navigates to {@code url}. */
  void open(String url) throws Exception {
    ObjectNode params = Json.mapper().createObjectNode().put("url", url);
    call("Page.navigate", params);
  }

  /** The page's visible text, as {@code document.body.innerText}. */
  String text() throws Exception {
    ObjectNode params =
        Json.mapper()
            .createObjectNode()
            .put("expression", "document.body ? document.body.innerText : ''")
            .put("returnByValue", true);
    return call("Runtime.evaluate", params).path("result").path("value").asText("");
  }

  /** Waits until the page's text satisfies {@code condition}, and returns that text. */
  String waitForText(Predicate<String> condition, Duration within) throws Exception {
    Instant deadline = Instant.now().plus(within);
    String text = "";
    while (Instant.now().isBefore(deadline)) {
      text = text();
      if (condition.test(text)) {
        return text;
      }
      Thread.sleep(250);
    }
    throw new AssertionError("the page never showed what was expected; it showed:\n" + text);
  }

  /** Saves a PNG screenshot of the page to {@code file}. */
  void screenshot(Path file) throws Exception {
    JsonNode shot =
        call("Page.captureScreenshot", Json.mapper().createObjectNode().put("format", "png"));
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
  }

  private JsonNode call(String method, ObjectNode params) throws Exception {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = Json.mapper().createObjectNode().put("id", id).put("method", method);
    message.set("params", params);
    socket.sendText(Json.mapper().writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    JsonNode reply = answer.get(30, TimeUnit.SECONDS);
    if (reply.has("error")) {
      throw new IllegalStateException(method + ": " + reply.get("error"));
    }
    return reply.path("result");
  }

  /** Hands each reply to the call that waits for it; events are not used. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          JsonNode message = Json.mapper().readTree(partial.toString());
          CompletableFuture<JsonNode> waiting =
              message.has("id") ? pending.remove(message.get("id").asInt()) : null;
          if (waiting != null) {
            waiting.complete(message);
          }
        } catch (IOException e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }

  @Override
  public void close() throws Exception {
    socket.abort();
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
