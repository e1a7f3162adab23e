package dev.targo.argo.status;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Argo's {@code argo retry} over a workflow's status ({@code workflow/util/util.go} {@code
 * FormulateRetryWorkflow}): which nodes a retried workflow keeps as they were, which it resets so
 * that they run again (the steps, DAG and group nodes above a node that runs again, and failed
 * Retry nodes), and which it deletes (failed pods, the nodes a selector restarts, everything below
 * them, and the exit handler). The controller then runs the workflow again, taking every node that
 * is kept and fulfilled as it is, and running the others; targo's retried run does the same with
 * {@link Formulated#retained}.
 */
public final class RetryFormulation {
  private RetryFormulation() {}

  /**
   * What the retried workflow starts with.
   *
   * @param nodes Argo's new {@code status.nodes}, in the order of the old ones: the kept nodes as
   *     they were, the reset ones Running (Skipped ones stay Skipped) with no message nor end, each
   *     without the deleted children and outbound nodes
   * @param reset the ids of the reset nodes
   * @param deleted the ids of the deleted nodes
   * @param podsToDelete the pods of the deleted pod nodes and of the exit handler's nodes, which
   *     must be gone before the retried run starts its own pods of the same names
   */
  public record Formulated(
      Map<String, NodeStatus> nodes,
      Set<String> reset,
      Set<String> deleted,
      List<String> podsToDelete) {

    /**
     * The nodes the retried run takes as they are, without running them: every node of {@link
     * #nodes} that is fulfilled (a reset node is Running, and runs again).
     */
    public List<NodeStatus> retained() {
      return nodes.values().stream().filter(n -> n.phase().fulfilled()).toList();
    }
  }

  /**
   * Argo's refusal to retry a workflow in {@code phase}, or null when it may be retried: a Failed
   * or Error workflow always, a Succeeded one only with {@code restartSuccessful} and a node field
   * selector.
   */
  public static String refusal(NodePhase phase, boolean restartSuccessful, boolean hasSelector) {
    return switch (phase) {
      case Failed, Error -> null;
      case Succeeded ->
          restartSuccessful && hasSelector
              ? null
              : "To retry a succeeded workflow, set the options restartSuccessful and"
                  + " nodeFieldSelector";
      default -> "Cannot retry a workflow in phase " + phase;
    };
  }

  /**
   * Formulates the retry of workflow {@code workflowName} whose status holds {@code nodes}.
   *
   * @param restart the nodes {@code --restart-successful} with {@code --node-field-selector}
   *     restarts, or null without them
   * @param parametersOverridden true when {@code -p} overrides parameters: the children of reset
   *     step and task groups are deleted too, so that they expand again with the new values
   * @param now the reset nodes' {@code startedAt}
   * @throws IllegalArgumentException when the nodes do not form one tree below the root (Argo's
   *     errors)
   */
  public static Formulated formulate(
      String workflowName,
      Map<String, NodeStatus> nodes,
      Predicate<NodeStatus> restart,
      boolean parametersOverridden,
      Instant now) {
    Graph graph = new Graph(workflowName, nodes);
    Set<String> toRestart = new HashSet<>();
    if (restart != null) {
      nodes.values().stream().filter(restart).forEach(n -> toRestart.add(n.id()));
    }
    Set<String> failed = new HashSet<>();
    for (NodeStatus node : nodes.values()) {
      if (node.phase().failedOrError() && executes(node.type())) {
        // An attempt of a retry node counts as its retry node: one that later succeeded stays.
        NodeStatus owner = graph.retryParent(node.id());
        if (!descendantSucceeded(graph, owner == null ? node : owner, toRestart)) {
          failed.add(node.id());
        }
      }
    }
    toRestart.addAll(failed);

    Set<String> reset = new LinkedHashSet<>();
    Set<String> deleted = new LinkedHashSet<>();
    // Top nodes first: a node below one already deleted is never reset from.
    for (String id : graph.breadthFirst()) {
      if (toRestart.contains(id) && !deleted.contains(id)) {
        graph.resetPath(id, reset, deleted);
      }
    }
    if (parametersOverridden) {
      for (String id : List.copyOf(reset)) {
        NodeType type = nodes.get(id).type();
        if (!deleted.contains(id) && (type == NodeType.TaskGroup || type == NodeType.StepGroup)) {
          deleted.addAll(graph.descendants(id));
        }
      }
    }
    reset.removeAll(deleted);

    String onExit = workflowName + ".onExit";
    Map<String, NodeStatus> next = new LinkedHashMap<>();
    List<String> pods = new ArrayList<>();
    for (NodeStatus node : nodes.values()) {
      boolean exitHandler = node.name() != null && node.name().startsWith(onExit);
      if (deleted.contains(node.id()) || exitHandler) {
        if (node.podName() != null && (exitHandler || node.type() == NodeType.Pod)) {
          pods.add(node.podName());
        }
        continue;
      }
      NodeStatus kept = reset.contains(node.id()) ? reset(node, now) : node;
      next.put(
          node.id(),
          kept.withContext(
                  kept.inputs(),
                  kept.boundaryID(),
                  without(kept.outboundNodes(), deleted),
                  kept.memoizationStatus())
              .withChildren(without(kept.children(), deleted)));
    }
    return new Formulated(next, Set.copyOf(reset), Set.copyOf(deleted), List.copyOf(pods));
  }

  /**
   * Argo's {@code isDescendantNodeSucceeded}: a node below {@code node} Succeeded and is not
   * restarted.
   */
  private static boolean descendantSucceeded(Graph graph, NodeStatus node, Set<String> restarted) {
    for (String childId : node.children()) {
      NodeStatus child = graph.node(childId);
      if (child == null) {
        continue;
      }
      if ((!restarted.contains(childId) && child.phase() == NodePhase.Succeeded)
          || descendantSucceeded(graph, child, restarted)) {
        return true;
      }
    }
    return false;
  }

  /** Argo's {@code resetNode}: Running again (a Skipped node stays Skipped), from {@code now}. */
  private static NodeStatus reset(NodeStatus n, Instant now) {
    return new NodeStatus(
        n.id(),
        n.name(),
        n.displayName(),
        n.type(),
        n.templateName(),
        n.phase() == NodePhase.Skipped ? NodePhase.Skipped : NodePhase.Running,
        null,
        now,
        null,
        n.hostNodeName(),
        n.children(),
        n.outputs(),
        n.podName(),
        n.inputs(),
        n.boundaryID(),
        n.outboundNodes(),
        n.memoizationStatus(),
        n.failedPodRestarts(),
        n.cluster());
  }

  private static List<String> without(List<String> ids, Set<String> deleted) {
    return ids == null ? null : ids.stream().filter(id -> !deleted.contains(id)).toList();
  }

  /** Argo's {@code isExecutionNodeType} (targo has no plugin nodes). */
  private static boolean executes(NodeType type) {
    return type == NodeType.Container || type == NodeType.Pod || type == NodeType.HTTP;
  }

  /** Argo's {@code isGroupNodeType}. */
  private static boolean group(NodeType type) {
    return type == NodeType.DAG
        || type == NodeType.TaskGroup
        || type == NodeType.StepGroup
        || type == NodeType.Steps;
  }

  /** Argo's {@code dagNode}s: each node with the one parent its children lists give it. */
  private static final class Graph {
    private final Map<String, NodeStatus> nodes;
    private final Map<String, String> parents = new HashMap<>();
    private final String root;

    Graph(String workflowName, Map<String, NodeStatus> nodes) {
      this.nodes = nodes;
      // A node below several (a task that depends on several others) keeps one parent: the last
      // in the order of the ids, as Argo's newWorkflowsDag keeps it.
      for (String id : new TreeSet<>(nodes.keySet())) {
        for (String child : nodes.get(id).children()) {
          parents.put(child, id);
        }
      }
      String top = null;
      for (NodeStatus n : nodes.values()) {
        if (workflowName.equals(n.name())) {
          top = n.id();
        } else if (!parents.containsKey(n.id())
            && (n.name() == null || !n.name().startsWith(workflowName + ".onExit"))) {
          throw new IllegalArgumentException("couldn't find parent node for " + n.id());
        }
      }
      if (top == null && !nodes.isEmpty()) {
        throw new IllegalArgumentException("couldn't find root node");
      }
      this.root = top;
    }

    NodeStatus node(String id) {
      return nodes.get(id);
    }

    NodeStatus parent(NodeStatus n) {
      String p = parents.get(n.id());
      return p == null ? null : nodes.get(p);
    }

    /** The Retry node {@code id} is an attempt of, or null. */
    NodeStatus retryParent(String id) {
      NodeStatus p = parent(nodes.get(id));
      return p != null && p.type() == NodeType.Retry ? p : null;
    }

    /** Argo's {@code dagSortedNodes}: breadth first from the root (the exit handler left out). */
    List<String> breadthFirst() {
      List<String> order = new ArrayList<>();
      if (root == null) {
        return order;
      }
      Set<String> seen = new HashSet<>(List.of(root));
      ArrayDeque<String> queue = new ArrayDeque<>(List.of(root));
      while (!queue.isEmpty()) {
        String id = queue.poll();
        order.add(id);
        for (String child : nodes.get(id).children()) {
          if (nodes.containsKey(child) && seen.add(child)) {
            queue.add(child);
          }
        }
      }
      return order;
    }

    /** Argo's {@code getChildren}: every node below {@code id}. */
    Set<String> descendants(String id) {
      Set<String> below = new LinkedHashSet<>();
      ArrayDeque<String> queue = new ArrayDeque<>(List.of(id));
      while (!queue.isEmpty()) {
        for (String child : nodes.get(queue.poll()).children()) {
          if (nodes.containsKey(child) && below.add(child)) {
            queue.add(child);
          }
        }
      }
      return below;
    }

    /**
     * Argo's {@code resetPath}: deletes {@code start} with everything below it, and resets the
     * nodes above it that must run again for it to run again.
     */
    void resetPath(String start, Set<String> reset, Set<String> deleted) {
      NodeStatus curr = nodes.get(start);
      if (!reachesRoot(curr)) {
        throw new IllegalArgumentException("parent was nil but curr is not the root node");
      }
      deleted.add(start);
      deleted.addAll(descendants(start));
      if (start.equals(root)) {
        return;
      }
      while (curr != null) {
        if (group(curr.type())) {
          reset.add(curr.id());
          curr = resetBoundaries(curr, reset);
          continue;
        }
        if (curr.type() == NodeType.Retry && curr.phase().failedOrError()) {
          reset.add(curr.id());
        } else if (curr.type() == NodeType.Container) {
          // The container's pod runs again, with every container of it.
          NodeStatus pod = resetUntil(curr, n -> n.type() == NodeType.Pod, reset);
          deleted.add(pod.id());
          deleted.addAll(descendants(pod.id()));
          curr = pod;
          continue;
        }
        curr = parent(curr);
      }
    }

    private boolean reachesRoot(NodeStatus n) {
      for (NodeStatus c = n; c != null; c = parent(c)) {
        if (c.id().equals(root)) {
          return true;
        }
      }
      return false;
    }

    /** Argo's {@code resetBoundaries}. */
    private NodeStatus resetBoundaries(NodeStatus n, Set<String> reset) {
      NodeStatus curr = n;
      while (true) {
        if (curr == null) {
          return null;
        }
        NodeStatus parent = parent(curr);
        if (parent != null && parent.type() == NodeType.Retry) {
          reset.add(parent.id());
          curr = parent;
          parent = parent(curr);
        }
        if (parent != null
            && (parent.type() == NodeType.StepGroup || parent.type() == NodeType.TaskGroup)) {
          reset.add(parent.id());
        }
        String boundary = curr.boundaryID();
        if (boundary == null || boundary.isEmpty()) {
          return parent;
        }
        curr = resetUntil(curr, c -> c.id().equals(boundary), reset);
      }
    }

    /** Argo's {@code resetUntil}: resets the first node up from {@code n} that matches. */
    private NodeStatus resetUntil(NodeStatus n, Predicate<NodeStatus> match, Set<String> reset) {
      for (NodeStatus curr = n; curr != null; curr = parent(curr)) {
        if (match.test(curr)) {
          reset.add(curr.id());
          return curr;
        }
      }
      throw new IllegalArgumentException("was seeking node but ran out of nodes to explore");
    }
  }
}
