package dev.targo.worker.activity;

import dev.targo.api.temporal.HttpActivities;
import dev.targo.argo.plan.HttpSpec;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Sends an {@code http} template's request from the worker, as Argo's agent sends it from its pod:
 * the method (GET when empty), the headers in order, the body; redirects followed as Go's client
 * follows them; {@code insecureSkipVerify} trusts any certificate.
 */
public final class HttpActivitiesImpl implements HttpActivities {
  /** Headers Java's client sets itself and refuses to be given. */
  private static final Set<String> RESTRICTED =
      Set.of("connection", "content-length", "expect", "host", "upgrade");

  private final HttpClient verifying = client(false);
  private final HttpClient trusting = client(true);

  private static HttpClient client(boolean trustAll) {
    HttpClient.Builder b =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30));
    if (trustAll) {
      try {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
        b.sslContext(context);
      } catch (java.security.GeneralSecurityException e) {
        throw new IllegalStateException("no TLS context", e);
      }
    }
    return b.build();
  }

  @Override
  public Answer send(HttpSpec request) {
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create(request.url()));
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "parse \"" + request.url() + "\": " + e.getMessage(), "InvalidURL");
    }
    String body = request.body() == null ? "" : request.body();
    b.method(
        request.effectiveMethod(),
        body.isEmpty()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    for (HttpSpec.Header h : request.headers()) {
      if (RESTRICTED.contains(h.name().toLowerCase(java.util.Locale.ROOT))) {
        throw ApplicationFailure.newNonRetryableFailure(
            "header " + h.name() + " cannot be set on an http template's request by targo",
            "RestrictedHeader");
      }
      b.header(h.name(), h.value());
    }
    if (request.timeoutSeconds() != null) {
      b.timeout(Duration.ofSeconds(request.timeoutSeconds()));
    }
    HttpClient client = request.insecureSkipVerify() ? trusting : verifying;
    HttpResponse<byte[]> response;
    try {
      response = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpTimeoutException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          request.effectiveMethod()
              + " \""
              + request.url()
              + "\": context deadline exceeded (timeoutSeconds "
              + request.timeoutSeconds()
              + ")",
          "Timeout");
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          request.effectiveMethod() + " \"" + request.url() + "\": " + describe(e),
          "RequestFailed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while sending the request", e);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    response.headers().map().forEach((name, values) -> headers.put(name, List.copyOf(values)));
    return new Answer(
        response.statusCode(), new String(response.body(), StandardCharsets.UTF_8), headers);
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return (m == null || m.isEmpty()) ? e.getClass().getSimpleName() : m;
  }

  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
