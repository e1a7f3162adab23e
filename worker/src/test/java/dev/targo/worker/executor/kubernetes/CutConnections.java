package dev.targo.worker.executor.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Sits in the executor's HTTP client and sends its matching requests (the pod watches) through a
 * local TCP proxy to the mock API server. The test can cut every open connection with a TCP reset
 * (a watch's stream breaks in the middle, as when a load balancer or the API server goes away), and
 * make the proxy reset new connections at once (the API server stays unreachable for watches while
 * lists and reads still work).
 */
final class CutConnections implements Interceptor, AutoCloseable {
  private final ServerSocket socket;
  private final Predicate<HttpRequest> matches;

  /**
   * The client's side of every relayed connection; the mock server's side is {@link #upstreams}.
   */
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();

  private final Set<Socket> upstreams = ConcurrentHashMap.newKeySet();
  private volatile boolean refusing;
  private volatile int targetPort;

  CutConnections(Predicate<HttpRequest> matches) {
    this.matches = matches;
    try {
      socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread.ofVirtual().start(this::accept);
  }

  /**
   * Resets every connection open through the proxy now. Call {@link #refuseNew} first when no watch
   * may get through afterwards: a connection being accepted meanwhile then sees it.
   */
  void cutOpen() {
    for (Socket s : open) {
      reset(s);
    }
    // The mock server's side is closed politely: only the client is meant to see a broken stream.
    for (Socket s : upstreams) {
      closeQuietly(s);
    }
  }

  /** While true, new connections are reset as soon as they arrive. */
  void refuseNew(boolean refuse) {
    refusing = refuse;
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (matches.test(request)) {
      URI uri = request.uri();
      targetPort = uri.getPort();
      builder.uri(
          URI.create(
              uri.getScheme()
                  + "://"
                  + uri.getHost()
                  + ":"
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
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("cut", this))
        .build();
  }

  private void accept() {
    while (!socket.isClosed()) {
      try {
        Socket downstream = socket.accept();
        if (refusing) {
          reset(downstream);
          continue;
        }
        Thread.ofVirtual().start(() -> relay(downstream));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void relay(Socket downstream) {
    open.add(downstream);
    if (refusing) {
      // Refused while this connection was being accepted: cutOpen() may have missed it.
      open.remove(downstream);
      reset(downstream);
      return;
    }
    try (Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
      upstreams.add(upstream);
      Thread up = Thread.ofVirtual().start(() -> pump(downstream, upstream));
      pump(upstream, downstream);
      up.join();
    } catch (IOException | InterruptedException e) {
      // the test is over
    } finally {
      open.remove(downstream);
      reset(downstream);
    }
  }

  private void pump(Socket from, Socket to) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      in.transferTo(out);
    } catch (IOException e) {
      // cut
    } finally {
      if (open.remove(to)) {
        reset(to);
      } else {
        upstreams.remove(to);
        closeQuietly(to);
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  /** Closes with a TCP reset rather than a goodbye. */
  private static void reset(Socket s) {
    try {
      s.setSoLinger(true, 0);
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
    cutOpen();
  }
}
