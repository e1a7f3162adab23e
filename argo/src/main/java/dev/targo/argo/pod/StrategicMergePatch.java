package dev.targo.argo.pod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes' strategic merge patch of a {@code PodSpec}, which is how Argo applies a template's
 * {@code podSpecPatch}: objects merge field by field, {@code null} deletes a field, lists with a
 * merge key ({@code containers} by {@code name}, a container's {@code env} by {@code name}, …)
 * merge item by item, other lists are replaced. The {@code $patch: replace|delete} directives are
 * honoured; the other directives ({@code $retainKeys}, {@code $setElementOrder}, …) are refused.
 * Pure.
 */
public final class StrategicMergePatch {
  private StrategicMergePatch() {}

  /** A patch that cannot be applied; the message says why. */
  public static final class PatchException extends Exception {
    private static final long serialVersionUID = 1L;

    public PatchException(String message) {
      super(message);
    }
  }

  private enum Kind {
    POD_SPEC,
    CONTAINER,
    OTHER
  }

  private record ListKey(String mergeKey, Kind items) {}

  private static final Map<String, ListKey> POD_SPEC_LISTS =
      Map.of(
          "containers", new ListKey("name", Kind.CONTAINER),
          "initContainers", new ListKey("name", Kind.CONTAINER),
          "ephemeralContainers", new ListKey("name", Kind.CONTAINER),
          "volumes", new ListKey("name", Kind.OTHER),
          "imagePullSecrets", new ListKey("name", Kind.OTHER),
          "hostAliases", new ListKey("ip", Kind.OTHER),
          "topologySpreadConstraints", new ListKey("topologyKey", Kind.OTHER),
          "resourceClaims", new ListKey("name", Kind.OTHER),
          "schedulingGates", new ListKey("name", Kind.OTHER));

  private static final Map<String, ListKey> CONTAINER_LISTS =
      Map.of(
          "env", new ListKey("name", Kind.OTHER),
          "ports", new ListKey("containerPort", Kind.OTHER),
          "volumeMounts", new ListKey("mountPath", Kind.OTHER),
          "volumeDevices", new ListKey("devicePath", Kind.OTHER),
          "resizePolicy", new ListKey("resourceName", Kind.OTHER));

  /** {@code spec} with {@code patch} applied; {@code spec} itself is not changed. */
  public static ObjectNode applyToPodSpec(ObjectNode spec, JsonNode patch) throws PatchException {
    if (!(patch instanceof ObjectNode patchObject)) {
      throw new PatchException("a podSpecPatch must be an object of PodSpec fields");
    }
    JsonNode merged = mergeObject(spec.deepCopy(), patchObject, Kind.POD_SPEC);
    return merged instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
  }

  private static JsonNode mergeObject(ObjectNode original, ObjectNode patch, Kind kind)
      throws PatchException {
    JsonNode directive = patch.get("$patch");
    if (directive != null) {
      switch (directive.asText()) {
        case "replace" -> {
          ObjectNode replaced = patch.deepCopy();
          replaced.remove("$patch");
          return replaced;
        }
        case "delete" -> {
          return null;
        }
        default ->
            throw new PatchException("unknown $patch directive '" + directive.asText() + "'");
      }
    }
    Iterator<Map.Entry<String, JsonNode>> fields = patch.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey();
      JsonNode value = field.getValue();
      if (name.startsWith("$")) {
        throw new PatchException("the strategic merge directive '" + name + "' is not supported");
      }
      if (value.isNull()) {
        original.remove(name);
        continue;
      }
      JsonNode current = original.get(name);
      JsonNode merged;
      if (value instanceof ObjectNode patchChild && current instanceof ObjectNode currentChild) {
        merged = mergeObject(currentChild, patchChild, Kind.OTHER);
      } else if (value instanceof ArrayNode patchList) {
        ListKey key = listKey(kind, name);
        merged =
            key != null && current instanceof ArrayNode currentList
                ? mergeList(currentList, patchList, key)
                : withoutDirectives(patchList);
      } else if (value instanceof ObjectNode patchChild) {
        merged = mergeObject(JsonNodeFactory.instance.objectNode(), patchChild, Kind.OTHER);
      } else {
        merged = value;
      }
      if (merged == null) {
        original.remove(name);
      } else {
        original.set(name, merged);
      }
    }
    return original;
  }

  private static ArrayNode mergeList(ArrayNode original, ArrayNode patch, ListKey key)
      throws PatchException {
    for (JsonNode item : patch) {
      if (item instanceof ObjectNode o
          && "replace".equals(o.path("$patch").asText())
          && o.size() == 1) {
        return withoutDirectives(patch);
      }
    }
    List<JsonNode> result = new ArrayList<>();
    original.forEach(result::add);
    for (JsonNode item : patch) {
      if (!(item instanceof ObjectNode patchItem) || !patchItem.has(key.mergeKey())) {
        throw new PatchException(
            "every item patched into a list merged by '"
                + key.mergeKey()
                + "' needs that field: "
                + item);
      }
      JsonNode id = patchItem.get(key.mergeKey());
      int at = indexOf(result, key.mergeKey(), id);
      if (at < 0) {
        if (!"delete".equals(patchItem.path("$patch").asText())) {
          JsonNode added =
              mergeObject(JsonNodeFactory.instance.objectNode(), patchItem, key.items());
          if (added != null) {
            result.add(added);
          }
        }
        continue;
      }
      JsonNode merged = mergeObject((ObjectNode) result.get(at).deepCopy(), patchItem, key.items());
      if (merged == null) {
        result.remove(at);
      } else {
        result.set(at, merged);
      }
    }
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    result.forEach(out::add);
    return out;
  }

  private static int indexOf(List<JsonNode> items, String key, JsonNode id) {
    for (int i = 0; i < items.size(); i++) {
      if (id.equals(items.get(i).get(key))) {
        return i;
      }
    }
    return -1;
  }

  private static ArrayNode withoutDirectives(ArrayNode list) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (JsonNode item : list) {
      if (!(item instanceof ObjectNode o && o.has("$patch") && o.size() == 1)) {
        out.add(item);
      }
    }
    return out;
  }

  private static ListKey listKey(Kind kind, String field) {
    return switch (kind) {
      case POD_SPEC -> POD_SPEC_LISTS.get(field);
      case CONTAINER -> CONTAINER_LISTS.get(field);
      case OTHER -> null;
    };
  }
}
