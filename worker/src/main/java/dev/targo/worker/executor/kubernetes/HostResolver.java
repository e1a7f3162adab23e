package dev.targo.worker.executor.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Names the host a pod ran on as {@code nodeAntiAffinity} needs it (ARGO-SEMANTICS §6): the value
 * of the Node's hostname label, which differs from the node name on many cloud providers; the node
 * name itself when the Node cannot be read (no RBAC for nodes, node gone) or has no such label.
 * Answers are cached per node name: a node's hostname label does not change while it exists.
 */
final class HostResolver {
  private final KubernetesClient client;
  private final String labelKey;
  private final ApiRetry retry;
  private final Map<String, String> cache = new ConcurrentHashMap<>();

  HostResolver(KubernetesClient client, String labelKey, ApiRetry retry) {
    this.client = client;
    this.labelKey = labelKey;
    this.retry = retry;
  }

  /** The host of {@code nodeName}, or null for a pod never scheduled. */
  String host(String nodeName) throws InterruptedException {
    if (nodeName == null || nodeName.isEmpty()) {
      return null;
    }
    if (labelKey == null || labelKey.isEmpty()) {
      return nodeName;
    }
    String known = cache.get(nodeName);
    if (known != null) {
      return known;
    }
    String host;
    try {
      Node node =
          retry.run(
              "get node " + nodeName, () -> client.nodes().withName(nodeName).get(), () -> {});
      String label = node == null ? null : node.getMetadata().getLabels().get(labelKey);
      host = label == null || label.isEmpty() ? nodeName : label;
    } catch (KubernetesClientException | ApiRetry.TransientApiException e) {
      // Forbidden, or the API keeps failing: the node name is Argo's own choice, and good enough.
      return nodeName;
    }
    cache.put(nodeName, host);
    return host;
  }
}
