package dev.targo.argo.status;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds Argo's {@code Workflow.status} from the state of its entrypoint node. Pure. */
public final class WorkflowStatuses {
  private WorkflowStatuses() {}

  /**
   * The status of a workflow whose entrypoint node is {@code root}: Running until the root node has
   * finished, then the root's phase; the message is the root's when it Failed or Errored (Argo
   * shows no workflow message on success); progress counts every pod node, dropped ones included.
   */
  public static WorkflowStatus of(TemplateNodeState root, Instant startedAt) {
    boolean done = root.phase().fulfilled();
    List<NodeStatus> nodes = root.nodes();
    Map<String, NodeStatus> byId = new LinkedHashMap<>();
    for (NodeStatus node : nodes) {
      byId.put(node.id(), node);
    }
    return new WorkflowStatus(
        done ? root.phase() : NodePhase.Running,
        done && root.phase().failedOrError() ? root.message() : null,
        startedAt,
        done ? root.finishedAt() : null,
        progress(nodes, root.omittedAttempts()),
        byId,
        root.omittedAttempts() == 0 ? null : root.omittedAttempts());
  }

  /** A workflow that could not start its entrypoint at all (an invalid plan): Error, no nodes. */
  public static WorkflowStatus error(String message, Instant startedAt, Instant finishedAt) {
    return new WorkflowStatus(NodePhase.Error, message, startedAt, finishedAt, "0/0", Map.of());
  }

  /**
   * Argo's {@code succeeded/total} over Pod nodes. Dropped attempt nodes count in the total and
   * never as succeeded (see {@link TemplateNodeState}).
   */
  static String progress(List<NodeStatus> nodes, int omittedPods) {
    return progress(nodes, omittedPods, 0);
  }

  /**
   * Argo's {@code succeeded/total} over Pod nodes, with pod nodes dropped with whole steps or DAG
   * attempts: all count in the total, {@code omittedSucceeded} of them as succeeded.
   */
  static String progress(List<NodeStatus> nodes, int omittedPods, int omittedSucceeded) {
    long pods = nodes.stream().filter(n -> n.type() == NodeType.Pod).count();
    long succeeded =
        nodes.stream()
            .filter(n -> n.type() == NodeType.Pod && n.phase() == NodePhase.Succeeded)
            .count();
    return (succeeded + omittedSucceeded) + "/" + (pods + omittedPods);
  }
}
