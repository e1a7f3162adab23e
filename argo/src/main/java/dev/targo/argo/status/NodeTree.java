package dev.targo.argo.status;

import dev.targo.argo.flow.NodeNames;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
  private final Map<String, Integer> omittedSucceeded = new TreeMap<>();

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
      node = node.withChildren(old.children());
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
      dev.targo.argo.status.NodeOutputs outputs,
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
        nodes.put(parentId, parent.withChildren(children));
      }
    }
  }

  /** Records {@code count} attempt nodes dropped below node {@code id} (a finished child's). */
  public void omitted(String id, int count) {
    omitted(id, count, 0);
  }

  /**
   * Records {@code pods} pod nodes dropped below node {@code id}, {@code succeeded} of which had
   * Succeeded (a finished child's, or a restored retry node's).
   */
  public void omitted(String id, int pods, int succeeded) {
    if (pods > 0) {
      omittedAttempts.put(id, pods);
    }
    if (succeeded > 0) {
      omittedSucceeded.put(id, succeeded);
    }
  }

  /**
   * Drops attempt {@code attemptId} of retry node {@code retryId} with every node below it; its pod
   * nodes, and the attempt nodes already dropped below it, are counted on the retry node instead,
   * so progress keeps counting them.
   */
  public void dropAttempt(String retryId, String attemptId) {
    int pods = 0;
    int succeeded = 0;
    for (String id : subtree(attemptId)) {
      NodeStatus n = nodes.remove(id);
      if (n != null && n.type() == NodeType.Pod) {
        pods++;
        succeeded += n.phase() == NodePhase.Succeeded ? 1 : 0;
      }
      Integer dropped = omittedAttempts.remove(id);
      pods += dropped == null ? 0 : dropped;
      Integer droppedSucceeded = omittedSucceeded.remove(id);
      succeeded += droppedSucceeded == null ? 0 : droppedSucceeded;
    }
    NodeStatus retry = nodes.get(retryId);
    List<String> children = new ArrayList<>(retry.children());
    children.remove(attemptId);
    nodes.put(retryId, retry.withChildren(children));
    omittedAttempts.merge(retryId, pods, Integer::sum);
    omittedSucceeded.merge(retryId, succeeded, Integer::sum);
  }

  /** Node {@code id} and every node below it, each once, {@code id} first. */
  public List<String> subtree(String id) {
    LinkedHashSet<String> seen = new LinkedHashSet<>();
    ArrayDeque<String> todo = new ArrayDeque<>(List.of(id));
    while (!todo.isEmpty()) {
      String next = todo.pop();
      NodeStatus n = nodes.get(next);
      if (n != null && seen.add(next)) {
        todo.addAll(n.children());
      }
    }
    return List.copyOf(seen);
  }

  /** Every node in creation order. */
  public List<NodeStatus> nodes() {
    return List.copyOf(nodes.values());
  }

  /** Attempt nodes dropped from retry nodes below the root, all together. */
  public int omittedAttempts() {
    return omittedAttempts.values().stream().mapToInt(Integer::intValue).sum();
  }

  /** How many of the dropped pod nodes had Succeeded, all together. */
  public int omittedSucceeded() {
    return omittedSucceeded.values().stream().mapToInt(Integer::intValue).sum();
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
        WorkflowStatuses.progress(nodes(), omitted, omittedSucceeded()),
        nodes,
        omitted == 0 ? null : omitted);
  }
}
