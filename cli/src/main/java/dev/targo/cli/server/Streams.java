package dev.targo.cli.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.targo.argo.Json;
import dev.targo.cli.Console;
import dev.targo.cli.client.RunRecord;
import dev.targo.cli.logs.PodLogPrinter;
import dev.targo.cli.logs.PodLogSources;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The streamed answers of Argo's API: pod logs ({@code …/log}) and a workflow's changes ({@code
 * /api/v1/workflow-events/…}). Each message is {@code {"result": …}}: one JSON object per line as
 * grpc-gateway streams it, or a Server-Sent Event ({@code data: …}) when the client accepts {@code
 * text/event-stream}, as the {@code argo} CLI does in HTTP/1 mode.
 */
public final class Streams {
  /** How often a followed workflow is read again. */
  static final Duration INTERVAL = Duration.ofMillis(500);

  private static final ObjectMapper JSON = Json.mapper();

  private final WorkflowService workflows;
  private final Supplier<PodLogSources> logSources;

  /**
   * @param logSources where pod logs are read from, one per request ({@code targo logs}' {@code
   *     --source}, {@code --state-dir}, {@code --kubeconfig})
   */
  public Streams(WorkflowService workflows, Supplier<PodLogSources> logSources) {
    this.workflows = workflows;
    this.logSources = logSources;
  }

  /**
   * The logs of the pods of workflow {@code name} (or of {@code pod} alone), read as targo logs.
   */
  void logs(
      HttpExchange exchange, String namespace, String name, String pod, boolean follow, String grep)
      throws IOException {
    Pattern filter = grep(grep);
    RunRecord record = workflows.record(namespace, name);
    String resolved = record.name();
    // Without follow, opened with the first line: a pod the workflow does not have is still
    // answered as an error.
    Sink sink = new Sink(exchange);
    if (follow) {
      sink.open();
    }
    Console console =
        new Console(
            new PrintWriter(
                new LogLines(
                    (podName, content) -> {
                      if (filter == null || filter.matcher(content).find()) {
                        ObjectNode entry = JSON.createObjectNode();
                        entry.put("content", content);
                        entry.put("podName", podName);
                        sink.send(entry);
                      }
                    })),
            new PrintWriter(Writer.nullWriter()),
            new ByteArrayInputStream(new byte[0]),
            false);
    try (PodLogPrinter printer = new PodLogPrinter(console, logSources.get(), pod, follow)) {
      while (true) {
        printer.update(record);
        if (!follow || !record.running()) {
          sink.open();
          return;
        }
        Thread.sleep(INTERVAL.toMillis());
        record = workflows.record(namespace, resolved);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (UncheckedIOException e) {
      // The client closed the stream.
    }
  }

  /**
   * Workflow {@code name} as it changes: {@code ADDED} first, then {@code MODIFIED} for each
   * change, until it has ended.
   */
  void events(HttpExchange exchange, String namespace, String name, Fields fields)
      throws IOException {
    ObjectNode doc = workflows.get(namespace, name);
    String resolved = doc.path("metadata").path("name").asText();
    Sink sink = new Sink(exchange);
    String type = "ADDED";
    String last = null;
    try {
      while (true) {
        boolean completed =
            doc.path("metadata")
                .path("labels")
                .path(WorkflowJson.COMPLETED_LABEL)
                .asText()
                .equals("true");
        ObjectNode shown = fields.apply(doc);
        String text = shown.toString();
        if (!text.equals(last)) {
          ObjectNode event = JSON.createObjectNode();
          event.put("type", type);
          event.set("object", shown);
          sink.send(event);
          type = "MODIFIED";
          last = text;
        }
        if (completed) {
          return;
        }
        Thread.sleep(INTERVAL.toMillis());
        doc = workflows.get(namespace, resolved);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (UncheckedIOException | ApiError e) {
      // The client closed the stream, or the workflow was deleted meanwhile.
    }
  }

  private static Pattern grep(String grep) {
    if (grep == null || grep.isEmpty()) {
      return null;
    }
    try {
      return Pattern.compile(grep);
    } catch (PatternSyntaxException e) {
      throw new ApiError(ApiError.Code.INVALID_ARGUMENT, "grep: " + e.getDescription());
    }
  }

  /** The answer messages are written to, each flushed at once; opened with the first. */
  private static final class Sink {
    private final HttpExchange exchange;
    private final boolean events;
    private OutputStream out;

    Sink(HttpExchange exchange) {
      this.exchange = exchange;
      String accept = exchange.getRequestHeaders().getFirst("Accept");
      this.events = accept != null && accept.contains("text/event-stream");
    }

    /** Sends the answer's headers, if not sent yet. */
    synchronized void open() {
      if (out != null) {
        return;
      }
      exchange
          .getResponseHeaders()
          .set("Content-Type", events ? "text/event-stream" : "application/json");
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      try {
        exchange.sendResponseHeaders(200, 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      out = exchange.getResponseBody();
    }

    synchronized void send(ObjectNode result) {
      open();
      ObjectNode message = JSON.createObjectNode();
      message.set("result", result);
      String line = events ? "data: " + message + "\n\n" : message + "\n";
      try {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
