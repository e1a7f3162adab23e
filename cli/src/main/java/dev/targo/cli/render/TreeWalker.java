package dev.targo.cli.render;

import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds and walks the tree {@code argo get} draws, with Argo's rules ({@code convertToRenderTrees}
 * and {@code renderNodes}): steps and DAG nodes contain the nodes of their boundary, step groups
 * and retry nodes contain their children, siblings are ordered by start time (then by the index in
 * their name); a retry node with exactly one child is not printed (its attempt takes its place), a
 * step group is not printed while its children hang under a fork, and omitted nodes are not
 * printed.
 */
final class TreeWalker {
  private static final Pattern INDEX = Pattern.compile("[(\\[](\\d+)[^)\\]]*[)\\]]$");

  private final String workflowName;
  private final WorkflowStatus status;
  private final boolean utf8;
  private final BiConsumer<String, NodeStatus> visitor;
  private final Map<String, List<NodeStatus>> contained = new HashMap<>();
  private final Map<String, NodeStatus> roots = new LinkedHashMap<>();

  TreeWalker(
      String workflowName,
      WorkflowStatus status,
      boolean utf8,
      BiConsumer<String, NodeStatus> visitor) {
    this.workflowName = workflowName;
    this.status = status;
    this.utf8 = utf8;
    this.visitor = visitor;
    build();
  }

  /** Draws the main tree, then the exit handler's tree after an empty line, as Argo does. */
  void walk(NodeStatus root) {
    render(root, " ", " ");
    NodeStatus onExit = roots.get(idOfName(workflowName + ".onExit"));
    if (onExit != null && onExit != root) {
      visitor.accept(null, null);
      render(onExit, " ", " ");
    }
  }

  private void build() {
    Map<String, String> boundaries = Boundaries.of(workflowName, status.nodes());
    Map<String, String> parentOf = new HashMap<>();
    for (NodeStatus n : status.nodes().values()) {
      if (n.type() == NodeType.StepGroup || n.type() == NodeType.Retry) {
        for (String child : n.children()) {
          parentOf.put(child, n.id());
        }
      }
    }
    for (NodeStatus n : status.nodes().values()) {
      if (!drawable(n.type())) {
        continue;
      }
      String parent = parentOf.get(n.id());
      if (parent == null) {
        parent = boundaries.get(n.id());
      }
      if (parent == null) {
        roots.put(n.id(), n);
      } else {
        contained.computeIfAbsent(parent, k -> new ArrayList<>()).add(n);
      }
    }
    contained.values().forEach(list -> list.sort(TreeWalker::byStart));
  }

  private static boolean drawable(NodeType type) {
    return switch (type) {
      case Pod, Skipped, Steps, DAG, StepGroup, Retry -> true;
      default -> false;
    };
  }

  private static int byStart(NodeStatus a, NodeStatus b) {
    Instant ta = a.startedAt() == null ? Instant.MIN : a.startedAt();
    Instant tb = b.startedAt() == null ? Instant.MIN : b.startedAt();
    int c = ta.compareTo(tb);
    if (c != 0) {
      return c;
    }
    int ia = index(a.displayName());
    int ib = index(b.displayName());
    if (ia >= 0 && ib >= 0) {
      return Integer.compare(ia, ib);
    }
    return String.valueOf(a.displayName()).compareTo(String.valueOf(b.displayName()));
  }

  private static int index(String name) {
    if (name == null) {
      return -1;
    }
    Matcher m = INDEX.matcher(name);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }

  private String idOfName(String name) {
    for (NodeStatus n : status.nodes().values()) {
      if (name.equals(n.name())) {
        return n.id();
      }
    }
    return null;
  }

  private void render(NodeStatus node, String nodePrefix, String childPrefix) {
    boolean foldedRetry = node.type() == NodeType.Retry && node.children().size() == 1;
    boolean group = node.type() == NodeType.StepGroup;
    boolean omitted = node.type() == NodeType.Skipped && node.phase() == NodePhase.Omitted;
    boolean filtered = foldedRetry || group || omitted;
    if (!filtered) {
      visitor.accept(nodePrefix, node);
    }
    List<NodeStatus> children = contained.getOrDefault(node.id(), List.of());
    int max = children.size() - 1;
    for (int i = 0; i < children.size(); i++) {
      String[] glyphs = glyphs(filtered, group, i, max);
      String childNodePrefix;
      if (!filtered) {
        childNodePrefix = childPrefix + glyphs[0];
      } else {
        childNodePrefix = (i == 0 ? nodePrefix : childPrefix) + glyphs[0];
      }
      render(children.get(i), childNodePrefix, childPrefix + glyphs[1]);
    }
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
