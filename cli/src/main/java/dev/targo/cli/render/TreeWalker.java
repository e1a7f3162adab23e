package dev.targo.cli.render;

import dev.targo.api.status.NodeStatus;
import dev.targo.api.status.NodeType;
import dev.targo.api.status.WorkflowStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Walks the node tree depth-first in child order and hands each printed node its tree prefix, with
 * Argo's rules: a retry node with exactly one child is not printed (its attempt takes its place),
 * and a step group is not printed while its children are indented under a {@code ┬─} fork.
 */
final class TreeWalker {
  private final WorkflowStatus status;
  private final boolean utf8;
  private final BiConsumer<String, NodeStatus> visitor;

  TreeWalker(
      String workflowName,
      WorkflowStatus status,
      boolean utf8,
      BiConsumer<String, NodeStatus> visitor) {
    this.status = status;
    this.utf8 = utf8;
    this.visitor = visitor;
  }

  void walk(NodeStatus root) {
    render(root, " ", " ");
  }

  private void render(NodeStatus node, String nodePrefix, String childPrefix) {
    boolean foldedRetry = node.type() == NodeType.Retry && node.children().size() == 1;
    boolean group = node.type() == NodeType.StepGroup;
    boolean filtered = foldedRetry || group;
    if (!filtered) {
      visitor.accept(nodePrefix, node);
    }
    List<NodeStatus> children = children(node);
    int max = children.size() - 1;
    for (int i = 0; i < children.size(); i++) {
      String[] glyphs = glyphs(filtered, group, i, max);
      String part = glyphs[0];
      String sub = glyphs[1];
      String childNodePrefix;
      if (!filtered) {
        childNodePrefix = childPrefix + part;
      } else {
        childNodePrefix = (i == 0 ? nodePrefix : childPrefix) + part;
      }
      render(children.get(i), childNodePrefix, childPrefix + sub);
    }
  }

  private List<NodeStatus> children(NodeStatus node) {
    List<NodeStatus> out = new ArrayList<>();
    for (String id : node.children()) {
      NodeStatus child = status.nodes().get(id);
      if (child != null) {
        out.add(child);
      }
    }
    return out;
  }

  /** Argo's {@code renderChild} glyph table: {part, sub-prefix}. */
  private String[] glyphs(boolean parentFiltered, boolean childIndent, int index, int max) {
    String fork = utf8 ? "┬─" : "+-";
    String tee = utf8 ? "├─" : "|-";
    String last = utf8 ? "└─" : "`-";
    String only = utf8 ? "──" : "--";
    String bar = utf8 ? "│ " : "| ";
    if (parentFiltered && childIndent) {
      if (max == 0) {
        return new String[] {only, "  "};
      } else if (index == 0) {
        return new String[] {fork, bar};
      } else if (index == max) {
        return new String[] {last, "  "};
      }
      return new String[] {tee, bar};
    } else if (!parentFiltered) {
      return index == max ? new String[] {last, "  "} : new String[] {tee, bar};
    }
    return new String[] {"", ""};
  }
}
