package dev.targo.argo.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Assembles the whole Argo status of a run from its root workflow and its running {@link
 * NodeWorkflow} children. Pure. The root's {@code status} query holds its own nodes, the final
 * subtree of every finished child, and a Running placeholder node for each running child; a client
 * queries each running child (found as pending children of {@code DescribeWorkflowExecution},
 * recursively) and merges their statuses here.
 */
public final class NodeTrees {
  private NodeTrees() {}

  /**
   * {@code root} with the nodes of {@code children} merged in: a child's node replaces the node of
   * the same id (its placeholder) and keeps the children both list; progress is recounted over the
   * merged pod nodes, dropped attempt nodes of every status included.
   */
  public static WorkflowStatus merge(WorkflowStatus root, List<WorkflowStatus> children) {
    Map<String, NodeStatus> nodes = new LinkedHashMap<>(root.nodes());
    int omitted = root.omittedNodes() == null ? 0 : root.omittedNodes();
    long droppedSucceeded = droppedSucceeded(root);
    for (WorkflowStatus child : children) {
      droppedSucceeded += droppedSucceeded(child);
      for (NodeStatus n : child.nodes().values()) {
        NodeStatus old = nodes.get(n.id());
        nodes.put(n.id(), old == null ? n : n.withChildren(union(n.children(), old.children())));
      }
      omitted += child.omittedNodes() == null ? 0 : child.omittedNodes();
    }
    long pods = nodes.values().stream().filter(n -> n.type().counted()).count();
    long succeeded =
        nodes.values().stream()
            .filter(n -> n.type().counted() && n.phase() == NodePhase.Succeeded)
            .count();
    return new WorkflowStatus(
        root.phase(),
        root.message(),
        root.startedAt(),
        root.finishedAt(),
        (succeeded + droppedSucceeded) + "/" + (pods + omitted),
        nodes,
        omitted == 0 ? null : omitted,
        root.suspended());
  }

  /**
   * How many succeeded pod nodes {@code status} counts in its progress but no longer holds: those
   * of a dropped steps or DAG attempt. Argo's status shape has no field for them, so they are read
   * off the progress numerator; a status that dropped nothing has none.
   */
  static long droppedSucceeded(WorkflowStatus status) {
    String progress = status.progress();
    if (status.omittedNodes() == null || progress == null || progress.indexOf('/') < 0) {
      return 0;
    }
    long counted;
    try {
      counted = Long.parseLong(progress.substring(0, progress.indexOf('/')));
    } catch (NumberFormatException e) {
      return 0;
    }
    long held =
        status.nodes().values().stream()
            .filter(n -> n.type().counted() && n.phase() == NodePhase.Succeeded)
            .count();
    return Math.max(0, counted - held);
  }

  private static List<String> union(List<String> a, List<String> b) {
    LinkedHashSet<String> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return new ArrayList<>(all);
  }
}
