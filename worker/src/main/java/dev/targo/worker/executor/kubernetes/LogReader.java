package dev.targo.worker.executor.kubernetes;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

/**
 * Reads a finished pod's container log with one plain GET. fabric8's own log call first waits for
 * the pod to be ready, which costs a LIST (and sometimes a watch) per call; the executor only reads
 * logs of pods it has seen finish, so the wait is pure overhead.
 */
final class LogReader {
  private LogReader() {}

  /** The tail of {@code container}'s log, at most {@code limit} bytes (see {@link LogTail}). */
  static String tail(
      KubernetesClient client, String namespace, String pod, String container, int limit)
      throws InterruptedException {
    String base = client.getMasterUrl().toString();
    URI uri =
        URI.create(
            (base.endsWith("/") ? base : base + "/")
                + "api/v1/namespaces/"
                + namespace
                + "/pods/"
                + pod
                + "/log?pretty=false&container="
                + URLEncoder.encode(container, StandardCharsets.UTF_8));
    HttpClient http = client.getHttpClient();
    HttpRequest request = http.newHttpRequestBuilder().uri(uri).build();
    HttpResponse<InputStream> response;
    try {
      response = http.sendAsync(request, InputStream.class).get();
    } catch (ExecutionException e) {
      throw KubernetesClientException.launderThrowable(e.getCause());
    }
    try (InputStream body = response.body()) {
      if (!response.isSuccessful()) {
        String text = body == null ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8);
        throw new KubernetesClientException(
            new StatusBuilder().withCode(response.code()).withMessage(text).build());
      }
      return body == null ? "" : LogTail.read(body, limit);
    } catch (IOException e) {
      throw new KubernetesClientException("reading the log of " + pod + " failed", e);
    }
  }
}
