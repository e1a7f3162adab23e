package dev.targo.cli.logs;

import dev.targo.argo.Json;
import dev.targo.argo.pod.PodState;
import dev.targo.worker.executor.kubernetes.KubernetesClients;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Reads the main container's log of a pod from the Kubernetes pod log API, line by line, and with
 * {@code follow} as it is written until the container ends. One plain GET per pod: fabric8's own
 * log call first waits for the pod to become ready, which costs extra requests and would block on a
 * pod that is gone.
 */
public final class KubernetesPodLogs implements AutoCloseable {
  private final KubernetesClient client;

  KubernetesPodLogs(KubernetesClient client) {
    this.client = client;
  }

  /**
   * A reader for the cluster of {@code kubeconfig} (null: {@code KUBECONFIG} or {@code
   * ~/.kube/config}, else in-cluster) and its {@code context} (null: the current one).
   */
  public static KubernetesPodLogs connect(Path kubeconfig, String context) {
    Config config =
        kubeconfig != null
            ? Config.fromKubeconfig(context, kubeconfig.toFile())
            : Config.autoConfigure(context);
    return new KubernetesPodLogs(KubernetesClients.fromConfig(config));
  }

  /** Whether {@code kubeconfig} names a readable file (checked before fabric8 reads it). */
  public static boolean readable(Path kubeconfig) {
    File file = kubeconfig.toFile();
    return file.isFile() && file.canRead();
  }

  /** Where the cluster is, for messages. */
  public String server() {
    return client.getMasterUrl().toString();
  }

  /** Reads the log of {@code pod} in {@code namespace}, handing each line to {@code lines}. */
  public LogRead read(String namespace, String pod, boolean follow, Consumer<String> lines)
      throws InterruptedException {
    HttpClient http = client.getHttpClient();
    HttpRequest request = http.newHttpRequestBuilder().uri(uri(namespace, pod, follow)).build();
    HttpResponse<InputStream> response;
    try {
      response = http.sendAsync(request, InputStream.class).get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new LogRead.Unreachable(server() + ": " + cause);
    }
    try (InputStream body = response.body()) {
      if (response.code() == 404) {
        return new LogRead.Gone();
      }
      if (response.code() == 400) {
        // The API says 400 while the container is waiting to start (ContainerCreating, an init
        // container still running) and for a container that never started.
        return new LogRead.NotYet();
      }
      if (!response.isSuccessful()) {
        return new LogRead.Refused("HTTP " + response.code() + " " + firstLine(body));
      }
      if (body != null) {
        BufferedReader reader =
            new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        for (String line; (line = reader.readLine()) != null; ) {
          lines.accept(line);
        }
      }
      return new LogRead.Printed();
    } catch (IOException e) {
      // The stream broke off (the pod was deleted under it): what came through was printed.
      return new LogRead.Printed();
    }
  }

  private URI uri(String namespace, String pod, boolean follow) {
    String base = client.getMasterUrl().toString();
    return URI.create(
        (base.endsWith("/") ? base : base + "/")
            + "api/v1/namespaces/"
            + URLEncoder.encode(namespace, StandardCharsets.UTF_8)
            + "/pods/"
            + URLEncoder.encode(pod, StandardCharsets.UTF_8)
            + "/log?container="
            + PodState.MAIN
            + (follow ? "&follow=true" : ""));
  }

  /** The message of the API's {@code Status} answer, else the first line of the body. */
  private static String firstLine(InputStream body) throws IOException {
    if (body == null) {
      return "";
    }
    String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8).strip();
    try {
      String message = Json.mapper().readTree(text).path("message").asText("");
      if (!message.isEmpty()) {
        return message;
      }
    } catch (IOException e) {
      // Not JSON: the text itself says what went wrong.
    }
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  @Override
  public void close() {
    client.close();
  }
}
