package dev.targo.cli.client;

import io.temporal.testserver.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * targo's embedded Temporal: Temporal's Java test server, in this process, on a free local port,
 * with time skipping locked so timers fire in real time. It keeps everything in memory: a run is
 * gone when the process ends (use {@code temporal server start-dev} or a real cluster to keep
 * runs).
 */
public final class EmbeddedTemporal implements AutoCloseable {

  private final TestServer.PortBoundTestServer server;
  private final int port;

  private EmbeddedTemporal(TestServer.PortBoundTestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts a server on a free port of the loopback interface. */
  public static EmbeddedTemporal start() {
    int port = freePort();
    return new EmbeddedTemporal(TestServer.createPortBoundServer(port, true), port);
  }

  /** {@code host:port} for Temporal clients. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void close() {
    server.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free local port for the embedded Temporal server", e);
    }
  }
}
