package dev.targo.translator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Merges {@code spec.templateDefaults} into a template the way Argo does ({@code
 * mergedTemplateDefaultsInto}: a Kubernetes strategic merge patch with the template as the patch).
 * Mappings merge field by field, the template winning; lists that Kubernetes merges by a key
 * ({@code env} by name, {@code tolerations} by key, …) merge item by item; other lists and scalars
 * are replaced. Defaults for a template type other than the template's own are dropped. The result
 * is a node tree again, so each value keeps the position it was written at.
 */
final class NodeMerge {
  /** Every Argo template type, in the order Argo looks for them. */
  static final List<String> TEMPLATE_TYPES =
      List.of(
          "container",
          "containerSet",
          "steps",
          "dag",
          "script",
          "resource",
          "suspend",
          "data",
          "http",
          "plugin");

  /** The lists Kubernetes and Argo merge by a key field ({@code patchMergeKey}). */
  private static final Map<String, String> MERGE_KEYS =
      Map.of(
          "parameters", "name",
          "artifacts", "name",
          "env", "name",
          "volumes", "name",
          "volumeMounts", "mountPath",
          "tolerations", "key");

  /**
   * Fields Argo allows on pod templates only: a default for them is not merged into a steps or dag
   * template, where Argo would reject it.
   */
  private static final Set<String> POD_ONLY =
      Set.of("timeout", "pendingTimeout", "activeDeadlineSeconds");

  private NodeMerge() {}

  static MappingNode templateDefaults(MappingNode defaults, MappingNode template) {
    String type = null;
    for (String t : TEMPLATE_TYPES) {
      if (keys(template).contains(t)) {
        type = t;
        break;
      }
    }
    List<NodeTuple> applicable = new ArrayList<>();
    for (NodeTuple tuple : defaults.getValue()) {
      String key = key(tuple);
      boolean flow = "steps".equals(type) || "dag".equals(type);
      if ((!TEMPLATE_TYPES.contains(key) || key.equals(type))
          && !(flow && POD_ONLY.contains(key))) {
        applicable.add(tuple);
      }
    }
    return mergeMappings(applicable, template);
  }

  private static Node merge(Node base, Node patch, String field) {
    if (base instanceof MappingNode b && patch instanceof MappingNode p) {
      return mergeMappings(b.getValue(), p);
    }
    String mergeKey = MERGE_KEYS.get(field);
    if (mergeKey != null && base instanceof SequenceNode b && patch instanceof SequenceNode p) {
      return mergeLists(b, p, mergeKey);
    }
    return patch;
  }

  private static MappingNode mergeMappings(List<NodeTuple> base, MappingNode patch) {
    Map<String, NodeTuple> merged = new LinkedHashMap<>();
    for (NodeTuple tuple : base) {
      merged.putIfAbsent(key(tuple), tuple);
    }
    Set<String> patched = new java.util.HashSet<>();
    for (NodeTuple tuple : patch.getValue()) {
      String key = key(tuple);
      if (!patched.add(key)) {
        // A duplicate key was already reported; the first one counts, as everywhere else.
        continue;
      }
      NodeTuple earlier = merged.get(key);
      merged.put(
          key,
          earlier == null
              ? tuple
              : new NodeTuple(
                  tuple.getKeyNode(), merge(earlier.getValueNode(), tuple.getValueNode(), key)));
    }
    return new MappingNode(
        patch.getTag(),
        true,
        new ArrayList<>(merged.values()),
        patch.getStartMark(),
        patch.getEndMark(),
        patch.getFlowStyle());
  }

  private static SequenceNode mergeLists(SequenceNode base, SequenceNode patch, String mergeKey) {
    Map<String, Node> byKey = new LinkedHashMap<>();
    List<Node> unkeyed = new ArrayList<>();
    for (SequenceNode list : List.of(base, patch)) {
      for (Node item : list.getValue()) {
        String k = itemKey(item, mergeKey);
        if (k == null) {
          unkeyed.add(item);
        } else {
          Node earlier = byKey.get(k);
          byKey.put(k, earlier == null ? item : merge(earlier, item, ""));
        }
      }
    }
    List<Node> items = new ArrayList<>(byKey.values());
    items.addAll(unkeyed);
    return new SequenceNode(
        patch.getTag(),
        true,
        items,
        patch.getStartMark(),
        patch.getEndMark(),
        patch.getFlowStyle());
  }

  private static String itemKey(Node item, String mergeKey) {
    if (item instanceof MappingNode m) {
      for (NodeTuple tuple : m.getValue()) {
        if (mergeKey.equals(key(tuple)) && tuple.getValueNode() instanceof ScalarNode s) {
          return s.getValue();
        }
      }
    }
    return null;
  }

  private static Set<String> keys(MappingNode mapping) {
    Set<String> keys = new java.util.HashSet<>();
    for (NodeTuple tuple : mapping.getValue()) {
      keys.add(key(tuple));
    }
    return keys;
  }

  private static String key(NodeTuple tuple) {
    return tuple.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
  }
}
