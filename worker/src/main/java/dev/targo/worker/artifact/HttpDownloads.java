package dev.targo.worker.artifact;

import dev.targo.argo.plan.Artifact;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Argo's {@code http} input artifacts ({@code workflow/artifacts/http}): a GET with the artifact's
 * headers, the body streamed to a file. A 404 is Argo's not-found (an {@code optional} input is
 * then skipped); any other status that is not 2xx fails the load.
 */
final class HttpDownloads {
  private HttpDownloads() {}

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NORMAL)
          .connectTimeout(Duration.ofSeconds(30))
          .build();

  static void get(Artifact.Http http, Path file) throws IOException {
    HttpRequest.Builder request;
    try {
      request = HttpRequest.newBuilder(URI.create(http.url())).GET();
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid url " + http.url() + ": " + e.getMessage());
    }
    for (Artifact.Header h : http.headers()) {
      request.header(h.name(), h.value());
    }
    HttpResponse<Path> response;
    try {
      response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofFile(file));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while downloading " + http.url(), e);
    }
    int status = response.statusCode();
    if (status / 100 != 2) {
      Files.deleteIfExists(file);
      String message = "GET " + http.url() + " returned " + status;
      throw status == 404 ? new ObjectStore.NotFound(message) : new IOException(message);
    }
  }
}
