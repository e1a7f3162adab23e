package dev.targo.worker.executor.kubernetes;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.URI;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sits in the executor's HTTP client: counts its API requests by kind, and can send its next watch
 * requests to a path where the mock answers with an error (410 Gone, 500), as a dropped or expired
 * watch would.
 */
final class ApiTraffic implements Interceptor {
  /** Path of the broken watch; tests register the mock's answer for it. */
  static final String BROKEN_WATCH = "/api/v1/namespaces/test/pods?watch=true&broken=true";

  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final AtomicInteger watchesToBreak = new AtomicInteger();
  private final AtomicInteger broken = new AtomicInteger();

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    String kind = kind(request);
    counts.computeIfAbsent(kind, k -> new LongAdder()).increment();
    if (kind.equals("WATCH pods") && watchesToBreak.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      broken.incrementAndGet();
      URI uri = request.uri();
      builder.uri(URI.create(uri.getScheme() + "://" + uri.getAuthority() + BROKEN_WATCH));
    }
  }

  void breakNextWatches(int n) {
    watchesToBreak.set(n);
  }

  int brokenWatches() {
    return broken.get();
  }

  long count(String kind) {
    LongAdder adder = counts.get(kind);
    return adder == null ? 0 : adder.sum();
  }

  long total() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  Map<String, Long> byKind() {
    Map<String, Long> sorted = new TreeMap<>();
    counts.forEach((k, v) -> sorted.put(k, v.sum()));
    return sorted;
  }

  /**
   * A client for the mock like {@link KubernetesClients#fromConfig}, with this in its HTTP stack.
   */
  KubernetesClient client(KubernetesClient mockClient) {
    KubernetesClient plain = KubernetesClients.fromConfig(mockClient.getConfiguration());
    return new KubernetesClientBuilder()
        .withConfig(plain.getConfiguration())
        .withHttpClientFactory(new JdkHttpClientFactory())
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("traffic", this))
        .build();
  }

  /** {@code METHOD resource}, with watches, logs and single pods told apart. */
  private static String kind(HttpRequest request) {
    String path = request.uri().getPath();
    String query = request.uri().getQuery() == null ? "" : request.uri().getQuery();
    String[] parts = path.split("/");
    String resource = parts.length > 5 ? parts[5] : parts[parts.length - 1];
    if (path.contains("/nodes")) {
      resource = "nodes";
    }
    if (path.endsWith("/log")) {
      return request.method() + " pods/log";
    }
    if (query.contains("watch=true")) {
      return "WATCH " + resource;
    }
    boolean named = parts.length > 6 || (path.contains("/nodes/"));
    return request.method() + " " + resource + (named ? "/{name}" : "");
  }
}
