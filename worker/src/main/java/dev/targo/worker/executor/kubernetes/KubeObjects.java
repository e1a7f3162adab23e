package dev.targo.worker.executor.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.Json;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.List;

/**
 * Turns the Kubernetes objects a plan keeps as JSON (tolerations, resources, volume mounts …) into
 * fabric8 model objects. The plan uses Jackson 2 and fabric8 8 its own Jackson 3, so the bridge is
 * the JSON text.
 */
final class KubeObjects {
  private KubeObjects() {}

  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  /** {@code node} as a {@code type}, or null for a null or JSON-null node. */
  static <T> T convert(JsonNode node, Class<T> type) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    try {
      return KUBERNETES.unmarshal(Json.mapper().writeValueAsString(node), type);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write " + type.getSimpleName() + " as JSON", e);
    }
  }

  /** Every node of {@code nodes} as a {@code type}, nulls dropped. */
  static <T> List<T> convertAll(List<JsonNode> nodes, Class<T> type) {
    return nodes.stream().map(n -> convert(n, type)).filter(t -> t != null).toList();
  }

  /** The fabric8 serialization (Jackson 3), for reading and writing model objects. */
  static KubernetesSerialization kubernetes() {
    return KUBERNETES;
  }
}
