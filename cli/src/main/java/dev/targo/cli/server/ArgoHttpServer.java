package dev.targo.cli.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.targo.api.Names;
import dev.targo.argo.Json;
import dev.targo.cli.UserError;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Argo Server's HTTP API on the JDK's HTTP server, one virtual thread per request: routes ({@link
 * Route}), the bearer token, Argo's error bodies, and the streams ({@link Streams}). What each
 * request does is {@link WorkflowService}'s.
 */
public final class ArgoHttpServer implements AutoCloseable {
  /** Connections the operating system may queue while every request is being answered. */
  private static final int BACKLOG = 4096;

  private static final ObjectMapper JSON = Json.mapper();

  /**
   * The largest body read: twice the 4 MiB a Temporal server accepts per request, so that a
   * workflow too large to start is refused with targo's own message (PayloadLimits), and a body no
   * workflow needs never fills the memory.
   */
  private static final int MAX_BODY = 8 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final WorkflowService workflows;
  private final Streams streams;
  private final byte[] expectedAuthorization;
  private final PrintWriter log;
  private final String version;

  /**
   * @param token the bearer token every request must carry, or null to let any request in ({@code
   *     --auth none})
   * @param log where unexpected failures are written (with their stack trace)
   */
  public ArgoHttpServer(
      InetSocketAddress bind,
      WorkflowService workflows,
      Streams streams,
      String token,
      PrintWriter log,
      String version)
      throws IOException {
    this.workflows = workflows;
    this.streams = streams;
    this.expectedAuthorization =
        token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    this.log = log;
    this.version = version;
    this.server = HttpServer.create(bind, BACKLOG);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** The address the server listens on (its port when 0 was asked for). */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      try {
        authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        Route route = Route.of(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath());
        Query query = Query.parse(exchange.getRequestURI().getRawQuery());
        JsonNode answer = answer(route, query, exchange);
        if (answer != null) {
          send(exchange, 200, answer);
        }
      } catch (ApiError e) {
        error(exchange, e.code(), e.getMessage());
      } catch (UserError e) {
        error(exchange, ApiError.Code.INVALID_ARGUMENT, e.getMessage());
      } catch (JsonProcessingException e) {
        error(
            exchange,
            ApiError.Code.INVALID_ARGUMENT,
            "the body is not JSON: " + e.getOriginalMessage());
      } catch (RuntimeException e) {
        StatusRuntimeException grpc = grpc(e);
        if (grpc != null && unreachable(grpc.getStatus().getCode())) {
          error(
              exchange,
              ApiError.Code.UNAVAILABLE,
              "Temporal cannot be reached: " + grpc.getStatus().getDescription());
        } else {
          synchronized (log) {
            log.println(
                "targo server: "
                    + exchange.getRequestMethod()
                    + " "
                    + exchange.getRequestURI()
                    + " failed:");
            e.printStackTrace(log);
            log.flush();
          }
          error(exchange, ApiError.Code.INTERNAL, String.valueOf(e.getMessage()));
        }
      }
    } catch (IOException e) {
      // The client went away before the answer was written.
    }
  }

  /**
   * The answer to a request, or null when it was streamed (logs, events) and is complete already.
   */
  private JsonNode answer(Route route, Query query, HttpExchange exchange) throws IOException {
    Fields fields = Fields.parse(query.get("fields"));
    return switch (route) {
      case Route.Info info -> info(info.what());
      case Route.Create c -> workflows.create(c.namespace(), body(exchange));
      case Route.Lint l -> workflows.lint(l.namespace(), body(exchange));
      case Route.Get g -> fields.apply(workflows.get(g.namespace(), g.name()));
      case Route.ListWorkflows l ->
          fields.apply(
              workflows.list(
                  l.namespace(),
                  LabelSelector.parse(query.get("listOptions.labelSelector")),
                  query.names()));
      case Route.Delete d -> workflows.delete(d.namespace(), d.name());
      case Route.Action a -> action(a, exchange);
      case Route.Logs l -> {
        String pod = l.pod() != null ? l.pod() : query.get("podName");
        streams.logs(
            exchange,
            l.namespace(),
            l.name(),
            pod == null || pod.isEmpty() ? null : pod,
            query.flag("logOptions.follow"),
            query.get("grep"));
        yield null;
      }
      case Route.Watch w -> {
        String name = query.fieldSelector("metadata.name");
        if (name == null || name.isEmpty()) {
          throw new ApiError(
              ApiError.Code.UNIMPLEMENTED,
              "targo watches one workflow at a time: give"
                  + " listOptions.fieldSelector=metadata.name=NAME");
        }
        String mask = query.get("fields");
        streams.events(
            exchange,
            w.namespace(),
            name,
            Fields.parse(mask == null ? null : mask.replace("result.object.", "")));
        yield null;
      }
      case Route.NotServed n ->
          throw new ApiError(
              ApiError.Code.UNIMPLEMENTED,
              "targo server serves workflows only; "
                  + n.what()
                  + " is not served (use the targo"
                  + " command line for templates)");
      case Route.Unknown u ->
          throw new ApiError(
              ApiError.Code.NOT_FOUND,
              "no endpoint "
                  + exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath());
    };
  }

  private JsonNode action(Route.Action a, HttpExchange exchange) throws IOException {
    return switch (a.action()) {
      case "stop" -> workflows.shutdown(a.namespace(), a.name(), Names.STOP_STRATEGY_STOP);
      case "terminate" ->
          workflows.shutdown(a.namespace(), a.name(), Names.STOP_STRATEGY_TERMINATE);
      case "resubmit" -> workflows.resubmit(a.namespace(), a.name(), body(exchange, false));
      case "retry" -> workflows.retry(a.namespace(), a.name(), body(exchange, false));
      case "resume", "suspend", "set" ->
          workflows.suspension(a.namespace(), a.name(), a.action(), body(exchange, false));
      default -> {
        workflows.record(a.namespace(), a.name());
        throw new ApiError(
            ApiError.Code.UNIMPLEMENTED,
            "targo cannot "
                + a.action()
                + " a workflow: it has no "
                + a.action()
                + " yet; resubmit the workflow instead");
      }
    };
  }

  private ObjectNode info(String what) {
    ObjectNode out = JSON.createObjectNode();
    switch (what) {
      case "version" -> {
        out.put("version", version);
        out.put("compiler", "javac");
        out.put(
            "platform",
            System.getProperty("os.name").toLowerCase(Locale.ROOT)
                + "/"
                + System.getProperty("os.arch"));
      }
      case "userinfo" -> {
        if (expectedAuthorization != null) {
          out.put("subject", "targo-token");
        }
      }
      default -> {
        out.putArray("links");
        out.putArray("columns");
      }
    }
    return out;
  }

  private void authenticate(String authorization) {
    if (expectedAuthorization == null) {
      return;
    }
    if (authorization == null || authorization.isBlank()) {
      throw new ApiError(
          ApiError.Code.UNAUTHENTICATED,
          "no token given: send the header Authorization: Bearer <token>");
    }
    String normalized = authorization.strip();
    if (normalized.regionMatches(true, 0, "Bearer ", 0, 7)) {
      normalized = "Bearer " + normalized.substring(7).strip();
    }
    if (!MessageDigest.isEqual(
        normalized.getBytes(StandardCharsets.UTF_8), expectedAuthorization)) {
      throw new ApiError(ApiError.Code.UNAUTHENTICATED, "token not valid");
    }
  }

  private static JsonNode body(HttpExchange exchange) throws IOException {
    return body(exchange, true);
  }

  /** The request's JSON body; when not {@code required}, an empty object stands for none. */
  private static JsonNode body(HttpExchange exchange, boolean required) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw new ApiError(
            ApiError.Code.INVALID_ARGUMENT,
            "the body is larger than " + MAX_BODY / (1024 * 1024) + " MiB");
      }
      if (bytes.length == 0 && !required) {
        return JSON.createObjectNode();
      }
      if (bytes.length == 0) {
        throw new ApiError(ApiError.Code.INVALID_ARGUMENT, "the request has no body");
      }
      return JSON.readTree(bytes);
    }
  }

  static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Argo's error body, as grpc-gateway writes it: {@code {"code": 5, "message": "…"}}. */
  static void error(HttpExchange exchange, ApiError.Code code, String message) throws IOException {
    ObjectNode body = JSON.createObjectNode();
    body.put("code", code.number());
    body.put("message", message);
    send(exchange, code.httpStatus(), body);
  }

  private static StatusRuntimeException grpc(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        return s;
      }
    }
    return null;
  }

  private static boolean unreachable(Status.Code code) {
    return code == Status.Code.UNAVAILABLE || code == Status.Code.DEADLINE_EXCEEDED;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
