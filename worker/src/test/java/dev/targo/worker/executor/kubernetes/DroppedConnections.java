package dev.targo.worker.executor.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Sits in the executor's HTTP client and sends its next matching requests to a local socket that
 * reads the request and closes the connection without a word, as a broken network or a restarting
 * API server does: the client sees an I/O error, not an HTTP status. An action can run just before
 * each drop (e.g. create the pod, as if the API server had done the request and only its answer was
 * lost).
 */
final class DroppedConnections implements Interceptor, AutoCloseable {
  private final ServerSocket socket;
  private final Thread acceptor;
  private final Predicate<HttpRequest> matches;
  private final Runnable beforeDrop;
  private final long holdMillis;
  private final AtomicInteger toDrop = new AtomicInteger();
  private final AtomicInteger dropped = new AtomicInteger();

  /**
   * @param holdMillis how long the connection stays open and silent before it is closed
   */
  DroppedConnections(Predicate<HttpRequest> matches, Runnable beforeDrop, long holdMillis) {
    this.matches = matches;
    this.beforeDrop = beforeDrop;
    this.holdMillis = holdMillis;
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    acceptor = Thread.ofVirtual().start(this::accept);
  }

  static Predicate<HttpRequest> creates() {
    return r -> r.method().equals("POST") && r.uri().getPath().endsWith("/pods");
  }

  static Predicate<HttpRequest> podWatches() {
    return r ->
        r.uri().getPath().endsWith("/pods")
            && r.uri().getQuery() != null
            && r.uri().getQuery().contains("watch=true");
  }

  void dropNext(int n) {
    toDrop.set(n);
  }

  int dropped() {
    return dropped.get();
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (matches.test(request) && toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      dropped.incrementAndGet();
      beforeDrop.run();
      URI uri = request.uri();
      builder.uri(
          URI.create(
              "http://127.0.0.1:"
                  + socket.getLocalPort()
                  + uri.getRawPath()
                  + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())));
    }
  }

  /** A client for the mock like {@link KubernetesClients#fromConfig}, with this in its stack. */
  KubernetesClient client(KubernetesClient mockClient) {
    KubernetesClient plain = KubernetesClients.fromConfig(mockClient.getConfiguration());
    return new KubernetesClientBuilder()
        .withConfig(plain.getConfiguration())
        .withHttpClientFactory(new JdkHttpClientFactory())
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("drop", this))
        .build();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket connection = socket.accept();
        Thread.ofVirtual().start(() -> hangUp(connection));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void hangUp(Socket connection) {
    try (connection) {
      InputStream in = connection.getInputStream();
      byte[] buffer = new byte[8192];
      // Read until the request's head has arrived (and a small body with it), then hang up.
      connection.setSoTimeout(200);
      try {
        in.read(buffer);
      } catch (IOException e) {
        // nothing more to read
      }
      Thread.sleep(holdMillis);
    } catch (IOException | InterruptedException e) {
      // the test is over
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    acceptor.interrupt();
  }
}
