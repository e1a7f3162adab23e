package dev.targo.worker.status;

import dev.targo.api.status.NodePhase;
import dev.targo.api.status.NodeStatus;
import dev.targo.api.status.NodeType;
import dev.targo.api.status.WorkflowStatus;
import dev.targo.worker.flow.NodeNames;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Argo's {@code status.nodes} of a workflow with steps or DAGs, built up while it runs: nodes by id
 * in creation order, each with its children. Not thread-safe; workflow code runs one thread at a
 * time.
 */
public final class NodeTree {
  private final String workflowName;
  private final Map<String, NodeStatus> nodes = new LinkedHashMap<>();
  private final Map<String, Integer> omittedAttempts = new TreeMap<>();

  public NodeTree(String workflowName) {
    this.workflowName = workflowName;
  }

  /** The node with this id, or null. */
  public NodeStatus get(String id) {
    return nodes.get(id);
  }

  /** Adds or replaces a node; a replaced node keeps its place and the children it had. */
  public void put(NodeStatus node) {
    NodeStatus old = nodes.get(node.id());
    if (old != null && node.children().isEmpty() && !old.children().isEmpty()) {
      node = withChildren(node, old.children());
    }
    nodes.put(node.id(), node);
  }

  /** A new node of a steps or DAG template (or a step group), Running. */
  public NodeStatus started(
      String id, String name, NodeType type, String templateName, Instant at) {
    NodeStatus node =
        new NodeStatus(
            id,
            name,
            NodeNames.displayName(workflowName, name),
            type,
            templateName,
            NodePhase.Running,
            null,
            at,
            null,
            null,
            List.of(),
            null,
            null);
    put(node);
    return node;
  }

  /** A node that is finished as soon as it is created: Skipped, Omitted or an Error node. */
  public NodeStatus ended(
      String id, String name, String templateName, NodePhase phase, String message, Instant at) {
    NodeStatus node =
        new NodeStatus(
            id,
            name,
            NodeNames.displayName(workflowName, name),
            NodeType.Skipped,
            templateName,
            phase,
            message,
            at,
            at,
            null,
            List.of(),
            null,
            null);
    put(node);
    return node;
  }

  /** The node {@code id} finished with {@code phase}, {@code message} and {@code outputs}. */
  public void finish(
      String id,
      NodePhase phase,
      String message,
      dev.targo.api.status.NodeOutputs outputs,
      Instant at) {
    NodeStatus n = nodes.get(id);
    nodes.put(
        id,
        new NodeStatus(
            n.id(),
            n.name(),
            n.displayName(),
            n.type(),
            n.templateName(),
            phase,
            message,
            n.startedAt(),
            at,
            n.hostNodeName(),
            n.children(),
            outputs,
            n.podName()));
  }

  /**
   * The nodes of a container or script invocation, with Argo's display names; attempt nodes the
   * state no longer keeps are removed (they are counted in {@link #omittedAttempts}).
   */
  public void putPod(TemplateNodeState state) {
    if (state.retried()) {
      java.util.Set<String> kept = new java.util.HashSet<>();
      state.attempts().forEach(a -> kept.add(a.id()));
      NodeStatus old = nodes.get(state.id());
      if (old != null) {
        String attemptPrefix = state.name() + "(";
        for (String child : old.children()) {
          NodeStatus c = nodes.get(child);
          if (!kept.contains(child) && c != null && c.name().startsWith(attemptPrefix)) {
            nodes.remove(child);
          }
        }
      }
    }
    for (NodeStatus n : state.nodes()) {
      put(
          new NodeStatus(
              n.id(),
              n.name(),
              NodeNames.displayName(workflowName, n.name()),
              n.type(),
              n.templateName(),
              n.phase(),
              n.message(),
              n.startedAt(),
              n.finishedAt(),
              n.hostNodeName(),
              n.children(),
              n.outputs(),
              n.podName()));
    }
    if (state.omittedAttempts() > 0) {
      omittedAttempts.put(state.id(), state.omittedAttempts());
    }
  }

  /** Makes {@code childId} a child of each of {@code parentIds} (once). */
  public void link(List<String> parentIds, String childId) {
    for (String parentId : parentIds) {
      NodeStatus parent = nodes.get(parentId);
      if (parent != null && !parent.children().contains(childId)) {
        List<String> children = new ArrayList<>(parent.children());
        children.add(childId);
        nodes.put(parentId, withChildren(parent, children));
      }
    }
  }

  /** Records {@code count} attempt nodes dropped below node {@code id} (a finished child's). */
  public void omitted(String id, int count) {
    if (count > 0) {
      omittedAttempts.put(id, count);
    }
  }

  /** Every node in creation order. */
  public List<NodeStatus> nodes() {
    return List.copyOf(nodes.values());
  }

  /** Attempt nodes dropped from retry nodes below the root, all together. */
  public int omittedAttempts() {
    return omittedAttempts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** The workflow status with these nodes. */
  public WorkflowStatus status(
      NodePhase phase, String message, Instant startedAt, Instant finishedAt) {
    int omitted = omittedAttempts();
    return new WorkflowStatus(
        phase,
        message,
        startedAt,
        finishedAt,
        WorkflowStatuses.progress(nodes(), omitted),
        nodes,
        omitted == 0 ? null : omitted);
  }

  private static NodeStatus withChildren(NodeStatus n, List<String> children) {
    return new NodeStatus(
        n.id(),
        n.name(),
        n.displayName(),
        n.type(),
        n.templateName(),
        n.phase(),
        n.message(),
        n.startedAt(),
        n.finishedAt(),
        n.hostNodeName(),
        children,
        n.outputs(),
        n.podName());
  }
}
