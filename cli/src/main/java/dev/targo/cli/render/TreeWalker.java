package dev.targo.cli.render;

import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds and walks the tree {@code argo get} draws, with Argo's rules ({@code convertToRenderTrees}
 * and {@code renderNodes}): steps and DAG nodes contain the nodes of their boundary, step groups
 * and retry nodes contain their children, siblings are ordered by start time (then by the index in
 * their name); a retry node with exactly one child is not printed (its attempt takes its place),
 * and a step group is not printed while its children hang under a fork.
 *
 * <p>Three differences, so that the tree tells what happens. Argo hides an Omitted DAG task; here
 * it is drawn (○, with its message {@code omitted: depends condition not met}), as Argo's Web UI
 * draws it. A retry node with one attempt is printed while it has a message of its own ({@code
 * Backoff for 1 minute}, waiting for the second attempt), which folding would hide. And a retry
 * node whose oldest attempts were dropped from the status (targo keeps the latest 100) starts its
 * attempts with a line {@code … N earlier attempts not shown}.
 */
final class TreeWalker {

  /** Receives the rows of the tree in order. */
  interface Rows {
    /** A node's row, {@code prefix} holding the tree glyphs. */
    void node(String prefix, NodeStatus node);

    /** A line that is not a node, such as {@code … 3 earlier attempts not shown}. */
    void note(String prefix, String text);

    /** The empty row Argo prints between the main tree and the exit handler's. */
    void separator();
  }

  private static final Pattern INDEX = Pattern.compile("[(\\[](\\d+)[^)\\]]*[)\\]]$");

  /** The index at the end of an attempt's name: {@code wf(3)}, {@code wf.A(12)}. */
  private static final Pattern ATTEMPT = Pattern.compile("\\((\\d+)\\)$");

  private final String workflowName;
  private final WorkflowStatus status;
  private final boolean utf8;
  private final Rows visitor;
  private final Map<String, List<NodeStatus>> contained = new HashMap<>();
  private final Map<String, NodeStatus> roots = new LinkedHashMap<>();

  TreeWalker(String workflowName, WorkflowStatus status, boolean utf8, Rows visitor) {
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
      visitor.separator();
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
      case Pod, Skipped, Suspend, Steps, DAG, StepGroup, Retry -> true;
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
    List<NodeStatus> children = contained.getOrDefault(node.id(), List.of());
    int dropped = node.type() == NodeType.Retry ? droppedAttempts(children) : 0;
    boolean foldedRetry =
        node.type() == NodeType.Retry
            && node.children().size() == 1
            && dropped == 0
            && !hasOwnMessage(node, children);
    boolean group = node.type() == NodeType.StepGroup;
    boolean filtered = foldedRetry || group;
    if (!filtered) {
      visitor.node(nodePrefix, node);
    }
    if (dropped > 0) {
      String[] glyphs = glyphs(false, false, 0, children.size());
      visitor.note(
          childPrefix + glyphs[0],
          "… "
              + dropped
              + (dropped == 1 ? " earlier attempt" : " earlier attempts")
              + " not shown");
    }
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

  /**
   * How many attempts of a retry node were dropped before its oldest kept one: attempt names end
   * with their index ({@code wf(131)}), so the first kept index counts the dropped ones.
   */
  private static int droppedAttempts(List<NodeStatus> attempts) {
    int first = Integer.MAX_VALUE;
    for (NodeStatus a : attempts) {
      Matcher m = ATTEMPT.matcher(String.valueOf(a.name()));
      if (m.find()) {
        first = Math.min(first, Integer.parseInt(m.group(1)));
      }
    }
    return first == Integer.MAX_VALUE ? 0 : first;
  }

  /** True when a retry node says something its only attempt does not (a backoff, say). */
  private static boolean hasOwnMessage(NodeStatus retry, List<NodeStatus> children) {
    if (retry.message() == null || retry.message().isEmpty()) {
      return false;
    }
    return children.size() != 1 || !retry.message().equals(children.get(0).message());
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
