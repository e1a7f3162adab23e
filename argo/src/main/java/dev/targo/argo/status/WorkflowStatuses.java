package dev.targo.argo.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Argo's {@code Workflow.status} figures that several status builders share. Pure. */
public final class WorkflowStatuses {
  private WorkflowStatuses() {}

  /** A workflow that could not start its entrypoint at all (an invalid plan): Error, no nodes. */
  public static WorkflowStatus error(String message, Instant startedAt, Instant finishedAt) {
    return new WorkflowStatus(NodePhase.Error, message, startedAt, finishedAt, "0/0", Map.of());
  }

  /**
   * Argo's {@code succeeded/total} over Pod nodes, with pod nodes dropped with whole steps or DAG
   * attempts: all count in the total, {@code omittedSucceeded} of them as succeeded.
   */
  static String progress(List<NodeStatus> nodes, int omittedPods, int omittedSucceeded) {
    long pods = nodes.stream().filter(n -> n.type().counted()).count();
    long succeeded =
        nodes.stream().filter(n -> n.type().counted() && n.phase() == NodePhase.Succeeded).count();
    return (succeeded + omittedSucceeded) + "/" + (pods + omittedPods);
  }
}
