package dev.targo.translator;

import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Checks a composed tree before anything walks it: aliases make it a graph whose expansion can be
 * exponential (the "billion laughs") or infinite (an alias inside its own anchor). Each distinct
 * node is visited once, so this check itself is linear in the text. It also reports duplicate and
 * non-string mapping keys with their positions.
 */
final class TreeCheck {
  /** Nodes after alias expansion; a 3 MiB workflow written out in full stays well below. */
  static final long MAX_EXPANDED_NODES = 200_000;

  private final Problems problems;
  private final Map<Node, Long> expandedSize = new IdentityHashMap<>();
  private final Set<Node> inProgress = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
  private boolean refused;

  private TreeCheck(Problems problems) {
    this.problems = problems;
  }

  /** True when the tree may be walked; false when it was refused (problem added). */
  static boolean check(Node root, Problems problems) {
    TreeCheck check = new TreeCheck(problems);
    long size = check.size(root);
    if (check.refused) {
      return false;
    }
    if (size > MAX_EXPANDED_NODES) {
      problems.add(
          Pos.of(root.getStartMark()),
          Code.YAML_LIMIT,
          "the document expands through aliases to more than "
              + MAX_EXPANDED_NODES
              + " nodes, the most targo reads");
      return false;
    }
    return true;
  }

  private long size(Node node) {
    Long known = expandedSize.get(node);
    if (known != null) {
      return known;
    }
    if (!inProgress.add(node)) {
      refused = true;
      problems.add(
          Pos.of(node.getStartMark()),
          Code.YAML_LIMIT,
          "an alias refers to a node that contains it (a recursive alias)");
      return 0;
    }
    long size = 1;
    if (node instanceof MappingNode mapping) {
      Set<String> keys = new HashSet<>();
      for (NodeTuple tuple : mapping.getValue()) {
        checkKey(tuple.getKeyNode(), keys);
        size = saturatedAdd(size, size(tuple.getKeyNode()));
        size = saturatedAdd(size, size(tuple.getValueNode()));
        if (refused) {
          break;
        }
      }
    } else if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        size = saturatedAdd(size, size(item));
        if (refused) {
          break;
        }
      }
    }
    inProgress.remove(node);
    expandedSize.put(node, size);
    return size;
  }

  private void checkKey(Node key, Set<String> keys) {
    if (!(key instanceof ScalarNode scalar)) {
      problems.add(Pos.of(key.getStartMark()), Code.WRONG_TYPE, "a mapping key must be a string");
      return;
    }
    if (!keys.add(scalar.getValue())) {
      problems.add(
          Pos.of(key.getStartMark()),
          Code.DUPLICATE_KEY,
          "`" + scalar.getValue() + "` is already set earlier in this mapping");
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }
}
