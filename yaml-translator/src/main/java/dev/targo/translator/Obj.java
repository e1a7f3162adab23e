package dev.targo.translator;

import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A mapping whose keys were checked against a {@link Schema}. Values that are YAML {@code null}
 * count as absent, as they do for Argo (Go's JSON decoder leaves the field unset).
 */
final class Obj {
  private final Pos owner;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  Obj(MappingNode node, Pos owner) {
    this.owner = owner;
    for (NodeTuple tuple : node.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode key) {
        // A duplicate key was already reported; the first one counts.
        entries.putIfAbsent(key.getValue(), tuple);
      }
    }
  }

  /**
   * Where problems about the whole object (a missing field) are reported: its key, or its start.
   */
  Pos owner() {
    return owner;
  }

  /** The value node of {@code key}, or null when absent or null. */
  Node value(String key) {
    NodeTuple tuple = entries.get(key);
    if (tuple == null || tuple.getValueNode().getTag().equals(Tag.NULL)) {
      return null;
    }
    return tuple.getValueNode();
  }

  /** Whether the mapping has no keys at all (a key with a null value counts). */
  boolean isEmpty() {
    return entries.isEmpty();
  }

  boolean has(String key) {
    return value(key) != null;
  }

  /**
   * True when a required field is absent or empty. A field present with a value of the wrong type
   * is not missing: its type problem was reported already.
   */
  static boolean missing(Obj o, String key, Str read) {
    return !o.has(key) || (read != null && read.value().isEmpty());
  }

  /** The position of {@code key} itself, or the owner's when absent. */
  Pos keyPos(String key) {
    NodeTuple tuple = entries.get(key);
    return tuple == null ? owner : Pos.of(tuple.getKeyNode().getStartMark());
  }
}
