package dev.targo.cli;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal CLI's dev server ({@code temporal server start-dev}: a real server with SQLite
 * visibility) in a process of its own, on free loopback ports, for the {@code *IT} tests. The
 * binary is the one {@code scripts/install-temporal-cli} builds; {@code TARGO_TEMPORAL_CLI} names
 * another.
 */
final class TemporalDevServer implements AutoCloseable {
  /** The version scripts/install-temporal-cli builds, which names its cache directory. */
  private static final String VERSION = "1.5.1";

  final String address;
  final WorkflowServiceStubs service;

  /** The Web UI's address, {@code http://127.0.0.1:PORT}. */
  final String ui;

  private final Process process;

  private TemporalDevServer(
      Process process, String address, String ui, WorkflowServiceStubs service) {
    this.process = process;
    this.address = address;
    this.ui = ui;
    this.service = service;
  }

  /** The binary: {@code TARGO_TEMPORAL_CLI}, else where scripts/install-temporal-cli puts it. */
  static Path binary() {
    String env = System.getenv("TARGO_TEMPORAL_CLI");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return cache.resolve("targo").resolve("temporal-cli-" + VERSION).resolve("temporal");
  }

  /** Why the server cannot be started here, if it cannot. */
  static Optional<String> unavailable() {
    Path bin = binary();
    return Files.isExecutable(bin)
        ? Optional.empty()
        : Optional.of(
            "no Temporal CLI at "
                + bin
                + " (build it with scripts/install-temporal-cli, or set TARGO_TEMPORAL_CLI)");
  }

  /** Aborts the calling test (an assumption) when no dev server can run here, saying why. */
  static void assumeAvailable(String test) {
    unavailable()
        .ifPresent(
            reason -> {
              System.err.println(test + " skipped: " + reason);
              org.junit.jupiter.api.Assumptions.abort(reason);
            });
  }

  /**
   * Starts a server with its files in {@code dir} and waits until it answers. A port found free may
   * be taken by another process before the server binds it, which then exits at once: up to three
   * tries, each on fresh ports.
   */
  static TemporalDevServer start(Path dir) throws IOException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(dir);
      } catch (PortTaken e) {
        if (attempt == 3) {
          throw new IllegalStateException(e.getMessage(), e.getCause());
        }
      }
    }
  }

  /** The server exited before it answered: a port it was given was taken meanwhile. */
  private static final class PortTaken extends Exception {
    PortTaken(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private static TemporalDevServer startOnce(Path dir)
      throws IOException, InterruptedException, PortTaken {
    int port = freePort();
    int uiPort = freePort();
    List<String> command =
        List.of(
            binary().toString(),
            "server",
            "start-dev",
            "--ip",
            "127.0.0.1",
            "--port",
            Integer.toString(port),
            "--ui-port",
            Integer.toString(uiPort),
            "--http-port",
            Integer.toString(freePort()),
            "--metrics-port",
            Integer.toString(freePort()),
            "--db-filename",
            dir.resolve("temporal.db").toString(),
            "--log-level",
            "error");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile())
            .start();
    String address = "127.0.0.1:" + port;
    WorkflowServiceStubs service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      try {
        service
            .blockingStub()
            .withDeadlineAfter(2, TimeUnit.SECONDS)
            .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
        return new TemporalDevServer(process, address, "http://127.0.0.1:" + uiPort, service);
      } catch (RuntimeException e) {
        if (!process.isAlive() || Instant.now().isAfter(deadline)) {
          service.shutdownNow();
          process.destroyForcibly();
          String log = Files.readString(dir.resolve("server.log"));
          if (!process.isAlive() && log.contains("address already in use")) {
            throw new PortTaken("the dev server did not answer: " + log, e);
          }
          throw new IllegalStateException("the dev server did not answer: " + log, e);
        }
        Thread.sleep(200);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws InterruptedException {
    service.shutdownNow();
    service.awaitTermination(5, TimeUnit.SECONDS);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }
}
