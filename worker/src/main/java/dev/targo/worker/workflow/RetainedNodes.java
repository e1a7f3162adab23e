package dev.targo.worker.workflow;

import dev.targo.api.temporal.WorkflowRetry;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The nodes a retried workflow keeps as they were ({@link WorkflowRetry}, docs/DESIGN.md §22): a
 * node about to run that is one of them is adopted instead, with every kept node below it, as
 * Argo's controller takes a fulfilled node of the status as it is. Like a memoization hit, no pod,
 * child workflow or activity is involved; unlike one, the node keeps its id, times, host and
 * subtree. Runs that retry nothing have none, and never change.
 */
final class RetainedNodes {
  static final RetainedNodes NONE = new RetainedNodes(List.of());

  private final Map<String, NodeStatus> byId = new LinkedHashMap<>();

  private RetainedNodes(List<NodeStatus> nodes) {
    nodes.forEach(n -> byId.put(n.id(), n));
  }

  /** The nodes of {@code list}, which may be null (none). */
  static RetainedNodes of(List<NodeStatus> list) {
    return list == null || list.isEmpty() ? NONE : new RetainedNodes(list);
  }

  /**
   * Node {@code id} taken as it was, when it is kept: it and the kept nodes below it go into the
   * tree, it is linked below {@code parents}, and its result is returned; empty otherwise.
   */
  Optional<NodeResult> adopt(RunContext ctx, String id, List<String> parents) {
    NodeStatus node = byId.get(id);
    if (node == null) {
      return Optional.empty();
    }
    List<String> failedHosts = new ArrayList<>();
    for (NodeStatus n : subtree(id)) {
      ctx.tree().put(n);
      if (n.type().counted() && n.phase().failedOrError() && n.hostNodeName() != null) {
        failedHosts.add(n.hostNodeName());
      }
    }
    ctx.tree().link(parents, id);
    ctx.changed().run();
    return Optional.of(
        new NodeResult(
            node.id(),
            node.name(),
            node.phase(),
            node.message(),
            node.startedAt(),
            node.finishedAt(),
            node.hostNodeName(),
            node.outputs(),
            List.copyOf(new TreeSet<>(failedHosts)),
            outbound(node)));
  }

  /**
   * The kept nodes below node {@code nodeName}, which a child workflow running it needs: those
   * whose name extends its name; null when there are none.
   */
  List<NodeStatus> below(String nodeName) {
    List<NodeStatus> out =
        byId.values().stream()
            .filter(
                n ->
                    n.name().length() > nodeName.length()
                        && n.name().startsWith(nodeName)
                        && "([.".indexOf(n.name().charAt(nodeName.length())) >= 0)
            .toList();
    return out.isEmpty() ? null : out;
  }

  /** Node {@code id} and every kept node below it, each once, parents first. */
  private List<NodeStatus> subtree(String id) {
    List<NodeStatus> out = new ArrayList<>();
    List<String> todo = new ArrayList<>(List.of(id));
    for (int i = 0; i < todo.size(); i++) {
      NodeStatus n = byId.get(todo.get(i));
      if (n != null && !out.contains(n)) {
        out.add(n);
        todo.addAll(n.children());
      }
    }
    return out;
  }

  /**
   * Argo's outbound nodes of a kept node: those its status names (steps and DAG nodes), its last
   * attempt's for a retry node, else itself.
   */
  private List<String> outbound(NodeStatus node) {
    if (node.outboundNodes() != null) {
      return node.outboundNodes();
    }
    if (node.type() == NodeType.Retry && !node.children().isEmpty()) {
      NodeStatus last = byId.get(node.children().getLast());
      if (last != null) {
        return outbound(last);
      }
    }
    return List.of(node.id());
  }
}
