package dev.targo.worker.executor.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

/**
 * A container's {@code readinessProbe} on the local executor, as the kubelet runs it: {@code
 * httpGet} (a status from 200 to 399) or {@code tcpSocket} (a connection) on this machine's
 * loopback address, which local pods share as their pod IP; first after {@code
 * initialDelaySeconds}, then every {@code periodSeconds} (default 10) with {@code timeoutSeconds}
 * (default 1) each, until {@code successThreshold} (default 1) probes in a row pass. A probe that
 * fails only keeps the pod unready, as in Kubernetes. {@code exec} probes are refused before the
 * pod starts ({@link LocalPodFields}): they would run outside the pod's own root.
 */
public final class ReadinessProbes {
  /** The pod IP of every local pod: they share this machine's network. */
  static final String POD_IP = "127.0.0.1";

  private ReadinessProbes() {}

  /** Why the local executor cannot run {@code probe}, or null when it can (or there is none). */
  static String refusal(JsonNode probe) {
    if (probe == null || probe.isNull()) {
      return null;
    }
    JsonNode action = probe.has("httpGet") ? probe.get("httpGet") : probe.get("tcpSocket");
    if (action != null) {
      return action.path("port").canConvertToInt()
          ? null
          : "readinessProbe: the local executor needs the probe's port as a number (a named"
              + " port needs the container's ports, which it does not read)";
    }
    return "readinessProbe: the local executor runs httpGet and tcpSocket probes only"
        + " (exec and grpc need the kubernetes executor)";
  }

  /**
   * Probes until the container is ready; returns then, or throws when interrupted (the pod ended).
   * A container without a probe is ready at once.
   */
  public static void awaitReady(JsonNode probe) throws InterruptedException {
    if (probe == null || probe.isNull()) {
      return;
    }
    Duration timeout = Duration.ofSeconds(Math.max(1, probe.path("timeoutSeconds").asInt(1)));
    long period = Math.max(1, probe.path("periodSeconds").asInt(10)) * 1000L;
    int needed = Math.max(1, probe.path("successThreshold").asInt(1));
    Thread.sleep(Math.max(0, probe.path("initialDelaySeconds").asInt(0)) * 1000L);
    int passed = 0;
    while (true) {
      passed = passes(probe, timeout) ? passed + 1 : 0;
      if (passed >= needed) {
        return;
      }
      Thread.sleep(period);
    }
  }

  /** One probe. */
  static boolean passes(JsonNode probe, Duration timeout) {
    int ms = (int) timeout.toMillis();
    if (probe.has("tcpSocket")) {
      int port = port(probe.path("tcpSocket"));
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host(probe.path("tcpSocket")), port), ms);
        return true;
      } catch (IOException e) {
        return false;
      }
    }
    JsonNode get = probe.path("httpGet");
    String scheme = get.path("scheme").asText("HTTP").toLowerCase(java.util.Locale.ROOT);
    String path = get.path("path").asText("/");
    if (!path.startsWith("/")) {
      path = "/" + path;
    }
    try {
      URI uri = new URI(scheme + "://" + host(get) + ":" + port(get) + path);
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      c.setConnectTimeout(ms);
      c.setReadTimeout(ms);
      c.setInstanceFollowRedirects(false);
      for (JsonNode h : get.path("httpHeaders")) {
        c.setRequestProperty(h.path("name").asText(), h.path("value").asText());
      }
      try {
        int status = c.getResponseCode();
        return status >= 200 && status < 400;
      } finally {
        c.disconnect();
      }
    } catch (IOException | java.net.URISyntaxException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String host(JsonNode action) {
    String host = action.path("host").asText("");
    return host.isEmpty() ? POD_IP : host;
  }

  /**
   * The probe's port: a number. A named port needs the container's {@code ports}, which the local
   * executor does not read: such a pod is refused before it starts ({@link #refusal}).
   */
  private static int port(JsonNode action) {
    return action.path("port").asInt(-1);
  }
}
