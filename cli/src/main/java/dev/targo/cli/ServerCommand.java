package dev.targo.cli;

import dev.targo.cli.connect.ConnectionOptions;
import dev.targo.cli.connect.TemporalConnection;
import dev.targo.cli.logs.LogSourceOptions;
import dev.targo.cli.server.ArgoHttpServer;
import dev.targo.cli.server.Streams;
import dev.targo.cli.server.WorkflowService;
import dev.targo.worker.runtime.ShutdownSignal;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code targo server}: Argo Server's HTTP API ({@code /api/v1/workflows/…}) in front of Temporal,
 * so that Hera ({@code WorkflowsService(host=…)}) and the {@code argo} CLI submit, read, follow and
 * stop targo workflows unchanged (docs/DESIGN.md §15).
 */
@Command(
    name = "server",
    description =
        "Serve Argo Server's HTTP API (for Hera and the argo CLI) in front of Temporal; the"
            + " workflows run on the targo workers.")
final class ServerCommand implements Callable<Integer> {

  /** The environment variable holding the bearer token, when no --token-file is given. */
  static final String TOKEN_ENV = "TARGO_SERVER_TOKEN";

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "2746",
      description = "Port to listen on (default ${DEFAULT-VALUE}, Argo Server's; 0 = any free).")
  int port;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 = every interface).")
  String bind;

  /** How requests are let in. */
  enum Auth {
    token,
    none
  }

  @Option(
      names = "--auth",
      paramLabel = "MODE",
      defaultValue = "token",
      description =
          "token (default: every request carries Authorization: Bearer <token>) or none (no"
              + " check, for a server only this machine's users reach).")
  Auth auth;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      description = "File holding the bearer token (default: the " + TOKEN_ENV + " variable).")
  Path tokenFile;

  @Mixin LogSourceOptions logSource;

  @Mixin ConnectionOptions connection;

  private final Console console;
  private final ShutdownSignal stop;

  ServerCommand(Console console, ShutdownSignal stop) {
    this.console = console;
    this.stop = stop;
  }

  @Override
  public Integer call() throws Exception {
    try {
      return serve();
    } finally {
      stop.stopped();
    }
  }

  private Integer serve() throws Exception {
    String token = token();
    InetSocketAddress address = address();
    try (TemporalConnection temporal = TemporalConnection.open(connection)) {
      WorkflowService workflows = new WorkflowService(temporal.client(), temporal.taskQueue());
      Streams streams = new Streams(workflows, () -> logSource.sources(temporal.client()));
      try (ArgoHttpServer server = open(address, workflows, streams, token)) {
        stop.arm();
        console
            .err()
            .println(
                "targo server: Argo Server API on http://"
                    + server.address().getHostString()
                    + ":"
                    + server.address().getPort()
                    + (token == null ? " without authentication" : " (bearer token)")
                    + ", workflows on task queue "
                    + temporal.taskQueue()
                    + " of namespace "
                    + temporal.namespace()
                    + " at "
                    + temporal.address());
        console.err().flush();
        stop.awaitRequest();
        return ExitCodes.OK;
      }
    }
  }

  private ArgoHttpServer open(
      InetSocketAddress address, WorkflowService workflows, Streams streams, String token) {
    try {
      return new ArgoHttpServer(
          address, workflows, streams, token, console.err(), new Main.Version().getVersion()[0]);
    } catch (IOException e) {
      throw new UserError(
          ExitCodes.BAD_INPUT,
          "cannot listen on " + bind + " port " + port + ": " + e.getMessage());
    }
  }

  private InetSocketAddress address() {
    if (port < 0 || port > 65535) {
      throw new UserError(ExitCodes.BAD_INPUT, "--port: " + port + " is not a port (0 to 65535)");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(bind), port);
    } catch (UnknownHostException e) {
      throw new UserError(ExitCodes.BAD_INPUT, "--bind: unknown address " + bind);
    }
  }

  /** The token requests must carry, or null with {@code --auth none}. */
  private String token() {
    if (auth == Auth.none) {
      if (tokenFile != null) {
        throw new UserError(ExitCodes.BAD_INPUT, "--auth none takes no --token-file");
      }
      return null;
    }
    String token;
    if (tokenFile != null) {
      try {
        token = Files.readString(tokenFile).strip();
      } catch (IOException e) {
        throw new UserError(ExitCodes.BAD_INPUT, "cannot read --token-file " + tokenFile);
      }
    } else {
      token = System.getenv(TOKEN_ENV);
      if (token == null || token.isBlank()) {
        throw new UserError(
            ExitCodes.BAD_INPUT,
            "no token: give --token-file FILE or set "
                + TOKEN_ENV
                + " (or --auth none, for a server only this machine's users reach)");
      }
      token = token.strip();
    }
    if (token.isEmpty() || token.chars().anyMatch(Character::isWhitespace)) {
      throw new UserError(
          ExitCodes.BAD_INPUT, "the token is empty or holds white space: use one word");
    }
    return token;
  }
}
