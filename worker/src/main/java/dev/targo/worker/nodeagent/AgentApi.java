package dev.targo.worker.nodeagent;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.targo.argo.Json;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's calls to the API server, each retried while the server cannot be reached or answers
 * 5xx/429 (a kubelet keeps trying through an API server restart), until the agent closes. A 404
 * means the object is gone and is answered with false; other refusals are logged and answered with
 * false too, since the kubelet could not do better than try again at the next change.
 */
final class AgentApi {
  private static final Logger LOG = LoggerFactory.getLogger(AgentApi.class);

  private final KubernetesClient client;
  private final BooleanSupplier closed;

  AgentApi(KubernetesClient client, BooleanSupplier closed) {
    this.client = client;
    this.closed = closed;
  }

  KubernetesClient client() {
    return client;
  }

  /** Strategic-merge-patches a pod's status, as the kubelet's status manager does. */
  boolean patchPodStatus(String namespace, String name, Map<String, Object> status) {
    String patch = json(Map.of("status", status));
    return call(
        "patch status of pod " + namespace + "/" + name,
        () ->
            client
                .pods()
                .inNamespace(namespace)
                .withName(name)
                .subresource("status")
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch));
  }

  /**
   * Deletes a pod at once ({@code gracePeriodSeconds: 0}) on the condition that it is still the pod
   * of {@code uid}, as the kubelet ends a graceful deletion once its containers have stopped. The
   * precondition keeps a pod that was deleted and created again under the same name (targo does
   * that for a pod deleted before it started) from being deleted by a late retry.
   */
  boolean deletePodNow(String namespace, String name, String uid) {
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("apiVersion", "v1");
    options.put("kind", "DeleteOptions");
    options.put("gracePeriodSeconds", 0);
    options.put("preconditions", Map.of("uid", uid));
    String body = json(options);
    String base = client.getMasterUrl().toString();
    String uri =
        (base.endsWith("/") ? base : base + "/")
            + "api/v1/namespaces/"
            + namespace
            + "/pods/"
            + name;
    return call(
        "delete pod " + namespace + "/" + name,
        () -> {
          HttpClient http = client.getHttpClient();
          HttpRequest request =
              http.newHttpRequestBuilder().uri(uri).delete("application/json", body).build();
          HttpResponse<String> response;
          try {
            response = http.sendAsync(request, String.class).get();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KubernetesClientException("interrupted", e);
          } catch (ExecutionException e) {
            throw KubernetesClientException.launderThrowable(e.getCause());
          }
          if (response.code() == 409) {
            // The precondition failed: the name belongs to a newer pod now; ours is gone.
            return null;
          }
          if (!response.isSuccessful()) {
            throw new KubernetesClientException(
                response.body(), response.code(), new io.fabric8.kubernetes.api.model.Status());
          }
          return response;
        });
  }

  /** Strategic-merge-patches a node's status. */
  boolean patchNodeStatus(String node, Map<String, Object> status) {
    String patch = json(Map.of("status", status));
    return call(
        "patch status of node " + node,
        () ->
            client
                .nodes()
                .withName(node)
                .subresource("status")
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), patch));
  }

  /** JSON-merge-patches a node (its labels, annotations, taints). */
  boolean patchNode(String node, Map<String, Object> patch) {
    String json = json(patch);
    return call(
        "patch node " + node,
        () -> client.nodes().withName(node).patch(PatchContext.of(PatchType.JSON_MERGE), json));
  }

  /**
   * Runs {@code call} until it succeeds (true), the object is gone or the server refuses it for
   * good (false), or the agent closes (false).
   */
  boolean call(String what, Supplier<?> call) {
    long backoff = 100;
    boolean reported = false;
    while (!closed.getAsBoolean()) {
      try {
        call.get();
        if (reported) {
          LOG.info("{}: succeeded again", what);
        }
        return true;
      } catch (KubernetesClientException e) {
        int code = e.getCode();
        if (code == 404) {
          return false;
        }
        if (code >= 400 && code < 500 && code != 429) {
          LOG.warn("{}: refused: {}", what, e.getMessage());
          return false;
        }
        if (!reported) {
          LOG.warn("{}: {}; retrying", what, firstLine(e));
          reported = true;
        }
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
      backoff = Math.min(2000, backoff * 2);
    }
    return false;
  }

  static String json(Object value) {
    try {
      return Json.mapper().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + value, e);
    }
  }

  private static String firstLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
