package dev.targo.worker.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The worker's operations endpoints on the JDK's own HTTP server: {@code /metrics} (Prometheus
 * text), {@code /healthz} (the process is alive) and {@code /readyz} (the worker is polling; 503
 * while it starts or shuts down).
 */
public final class OpsServer implements AutoCloseable {
  private final HttpServer server;

  /**
   * @param host the address to listen on: {@code 0.0.0.0} for every interface, {@code 127.0.0.1}
   *     for this machine only
   */
  public OpsServer(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier ready)
      throws IOException {
    InetSocketAddress bind = new InetSocketAddress(host, port);
    if (bind.isUnresolved()) {
      throw new IllegalArgumentException("--metrics-address " + host + " cannot be resolved");
    }
    server = HttpServer.create(bind, 0);
    server.createContext(
        "/metrics",
        ex -> respond(ex, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    server.createContext("/healthz", ex -> respond(ex, 200, "text/plain", "ok\n"));
    server.createContext(
        "/readyz",
        ex -> {
          boolean ok = ready.getAsBoolean();
          respond(ex, ok ? 200 : 503, "text/plain", ok ? "ready\n" : "not ready\n");
        });
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  /** The address it listens on. */
  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** The port it listens on (the one asked for, or the one chosen for port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
