package dev.targo.bench;

import dev.targo.cli.client.EmbeddedTemporal;
import dev.targo.cli.client.SearchAttributeSupport;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal server a benchmark runs against: {@code temporal server start-dev} (the binary
 * {@code scripts/install-temporal-cli} builds, in a process of its own on free loopback ports, with
 * its database in a file), or the embedded Java test server {@code targo run} uses.
 */
public abstract sealed class TemporalServer implements AutoCloseable {

  /** The version scripts/install-temporal-cli builds, which names its cache directory. */
  static final String CLI_VERSION = "1.5.1";

  /** The Temporal server inside that CLI version (its go.mod). */
  static final String SERVER_VERSION = "1.29.1";

  public abstract String address();

  /**
   * Whether targo's search attributes are registered (as {@code targo worker} registers them on a
   * dev server), so that workflows are started with them and keep {@code ArgoPhase} and {@code
   * ArgoAttempts} up to date, as users' do. The embedded server cannot list them.
   */
  public abstract boolean searchAttributes();

  /** {@code dev} or {@code embedded}. */
  public abstract String kind();

  /** What the JSON records about it: kind, version, dynamic configuration. */
  public abstract Map<String, Object> describe();

  @Override
  public abstract void close();

  /** The dev server binary: {@code TARGO_TEMPORAL_CLI}, else scripts/install-temporal-cli's. */
  public static Path cliBinary() {
    String env = System.getenv("TARGO_TEMPORAL_CLI");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return cache.resolve("targo").resolve("temporal-cli-" + CLI_VERSION).resolve("temporal");
  }

  /** Why the dev server cannot start here, if it cannot. */
  public static Optional<String> devUnavailable() {
    return Files.isExecutable(cliBinary())
        ? Optional.empty()
        : Optional.of("no Temporal CLI at " + cliBinary() + " (scripts/install-temporal-cli)");
  }

  /**
   * Starts a dev server with {@code dynamicConfig} (keys to JSON values) on top of its defaults.
   */
  public static TemporalServer dev(Path dir, SortedMap<String, String> dynamicConfig)
      throws IOException, InterruptedException {
    return Dev.start(dir, dynamicConfig);
  }

  public static TemporalServer embedded() {
    return new Embedded(EmbeddedTemporal.start());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static final class Dev extends TemporalServer {
    private final Process process;
    private final String address;
    private final SortedMap<String, String> dynamicConfig;

    private Dev(Process process, String address, SortedMap<String, String> dynamicConfig) {
      this.process = process;
      this.address = address;
      this.dynamicConfig = dynamicConfig;
    }

    static Dev start(Path dir, SortedMap<String, String> dynamicConfig)
        throws IOException, InterruptedException {
      Files.createDirectories(dir);
      int port = freePort();
      List<String> command =
          new ArrayList<>(
              List.of(
                  cliBinary().toString(),
                  "server",
                  "start-dev",
                  "--headless",
                  "--ip",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(port),
                  "--http-port",
                  Integer.toString(freePort()),
                  "--metrics-port",
                  Integer.toString(freePort()),
                  "--log-level",
                  "error",
                  // A database file, as users keep one: the in-memory database answered
                  // "interrupted" to every call once a worker's long polls had been cancelled.
                  "--db-filename",
                  dir.resolve("temporal-" + port + ".db").toString()));
      dynamicConfig.forEach(
          (key, json) -> command.addAll(List.of("--dynamic-config-value", key + "=" + json)));
      Path log = dir.resolve("temporal-" + port + ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      String address = "127.0.0.1:" + port;
      WorkflowServiceStubs probe =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(address).build());
      try {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
          try {
            probe
                .blockingStub()
                .withDeadlineAfter(2, TimeUnit.SECONDS)
                .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            SearchAttributeSupport.register(probe, "default");
            // A suite that dies (an error, Ctrl-C) takes its server with it.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            return new Dev(process, address, new TreeMap<>(dynamicConfig));
          } catch (RuntimeException e) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
              process.destroyForcibly();
              throw new IOException("the dev server did not answer: " + Files.readString(log), e);
            }
            Thread.sleep(200);
          }
        }
      } finally {
        probe.shutdownNow();
      }
    }

    @Override
    public String address() {
      return address;
    }

    @Override
    public boolean searchAttributes() {
      return true;
    }

    @Override
    public String kind() {
      return "dev";
    }

    @Override
    public Map<String, Object> describe() {
      return Map.of(
          "kind",
          "temporal server start-dev (SQLite file)",
          "cli",
          CLI_VERSION,
          "server",
          SERVER_VERSION,
          "dynamicConfig",
          dynamicConfig);
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  private static final class Embedded extends TemporalServer {
    private final EmbeddedTemporal server;

    Embedded(EmbeddedTemporal server) {
      this.server = server;
    }

    @Override
    public String address() {
      return server.address();
    }

    @Override
    public boolean searchAttributes() {
      return false;
    }

    @Override
    public String kind() {
      return "embedded";
    }

    @Override
    public Map<String, Object> describe() {
      return Map.of("kind", "embedded (Temporal's Java test server, as targo run uses)");
    }

    @Override
    public void close() {
      server.close();
    }
  }
}
