package dev.targo.worker.nodeagent;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The kubelet's HTTPS port as far as {@code pods/log} needs it: {@code GET
 * /containerLogs/{namespace}/{pod}/{container}} with {@code follow}, {@code tailLines} and {@code
 * limitBytes}, which the API server proxies to the node's published address and port. With a client
 * CA, only clients with a certificate it signed are served (the API server's kubelet client
 * certificate), as a kubelet does.
 */
final class KubeletServer implements AutoCloseable {

  /** What the server needs of the agent: a container's log and whether it still runs. */
  interface Logs {
    /** The container of the pod, or an error message (404) when there is none. */
    Optional<ContainerRun> container(String namespace, String pod, String container);
  }

  private final HttpsServer server;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  KubeletServer(int port, Path keyStore, char[] password, Path clientCa, Logs logs)
      throws IOException, GeneralSecurityException {
    SSLContext tls = tls(keyStore, password, clientCa);
    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(tls) {
          @Override
          public void configure(HttpsParameters params) {
            var ssl = tls.getDefaultSSLParameters();
            ssl.setNeedClientAuth(clientCa != null);
            params.setSSLParameters(ssl);
          }
        });
    server.createContext("/containerLogs/", exchange -> serveLogs(exchange, logs));
    server.createContext("/healthz", exchange -> reply(exchange, 200, "ok"));
    server.setExecutor(threads);
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }

  private static void serveLogs(HttpExchange exchange, Logs logs) throws IOException {
    try (exchange) {
      String[] parts = exchange.getRequestURI().getPath().split("/");
      // ["", "containerLogs", namespace, pod, container]
      if (parts.length != 5 || !"GET".equals(exchange.getRequestMethod())) {
        reply(exchange, 404, "not found");
        return;
      }
      Optional<ContainerRun> found = logs.container(parts[2], parts[3], parts[4]);
      if (found.isEmpty()) {
        reply(exchange, 404, "pod " + parts[2] + "/" + parts[3] + " has no container " + parts[4]);
        return;
      }
      ContainerRun run = found.get();
      if (!run.started() || !Files.exists(run.log())) {
        reply(
            exchange,
            400,
            "container \"" + parts[4] + "\" in pod \"" + parts[3] + "\" is waiting to start");
        return;
      }
      Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
      boolean follow = "true".equals(query.get("follow"));
      long limit = parse(query.get("limitBytes"), Long.MAX_VALUE);
      long tailLines = parse(query.get("tailLines"), -1);
      exchange.getResponseHeaders().set("Content-Type", "text/plain");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        long offset = tailLines >= 0 ? tailOffset(run.log(), tailLines) : 0;
        long sent = 0;
        byte[] buffer = new byte[8192];
        try (RandomAccessFile file = new RandomAccessFile(run.log().toFile(), "r")) {
          file.seek(offset);
          while (sent < limit) {
            boolean endedBefore = run.ended();
            int n = file.read(buffer, 0, (int) Math.min(buffer.length, limit - sent));
            if (n > 0) {
              out.write(buffer, 0, n);
              out.flush();
              sent += n;
              continue;
            }
            if (!follow || endedBefore) {
              break;
            }
            Thread.sleep(100);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      } catch (IOException e) {
        // The client went away (a follow that was cancelled): nothing more to send.
      }
    }
  }

  /** Where the last {@code lines} lines of the file start. */
  private static long tailOffset(Path file, long lines) throws IOException {
    byte[] all = Files.readAllBytes(file);
    int end = all.length;
    if (end > 0 && all[end - 1] == '\n') {
      end--;
    }
    long seen = 0;
    for (int i = end - 1; i >= 0; i--) {
      if (all[i] == '\n' && ++seen == lines) {
        return i + 1;
      }
    }
    return lines == 0 ? all.length : 0;
  }

  private static long parse(String value, long otherwise) {
    try {
      return value == null ? otherwise : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> map = new LinkedHashMap<>();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        String key =
            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String value =
            eq < 0 ? "true" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        map.put(key, value);
      }
    }
    return map;
  }

  private static void reply(HttpExchange exchange, int code, String text) throws IOException {
    byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain");
    exchange.sendResponseHeaders(code, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static SSLContext tls(Path keyStore, char[] password, Path clientCa)
      throws IOException, GeneralSecurityException {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      keys.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, password);
    TrustManagerFactory tmf = null;
    if (clientCa != null) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(clientCa)) {
        int i = 0;
        for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
          trust.setCertificateEntry("ca-" + i++, c);
        }
      }
      tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
    }
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
    return context;
  }
}
