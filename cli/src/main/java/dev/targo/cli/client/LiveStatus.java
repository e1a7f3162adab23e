package dev.targo.cli.client;

import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.WorkflowStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds what only the running activities know to a workflow's status: the workflow learns an
 * attempt's host and scheduler messages when the attempt ends, but its activity reports them in
 * heartbeats while it runs. Reading those here keeps the workflow's history free of per-poll
 * events.
 */
public final class LiveStatus {
  private LiveStatus() {}

  /** {@code status} with each unfinished pod node updated from the heartbeat of its pod. */
  public static WorkflowStatus merge(WorkflowStatus status, List<PodProgress> progress) {
    if (progress.isEmpty()) {
      return status;
    }
    Map<String, PodProgress> byPod = new LinkedHashMap<>();
    for (PodProgress p : progress) {
      if (p != null && p.podName() != null) {
        byPod.put(p.podName(), p);
      }
    }
    Map<String, NodeStatus> nodes = new LinkedHashMap<>();
    for (Map.Entry<String, NodeStatus> e : status.nodes().entrySet()) {
      NodeStatus n = e.getValue();
      PodProgress p = n.podName() == null ? null : byPod.get(n.podName());
      nodes.put(e.getKey(), p == null || n.phase().fulfilled() ? n : live(n, p));
    }
    return new WorkflowStatus(
        status.phase(),
        status.message(),
        status.startedAt(),
        status.finishedAt(),
        status.progress(),
        nodes,
        status.omittedNodes(),
        status.suspended());
  }

  private static NodeStatus live(NodeStatus n, PodProgress p) {
    NodePhase phase = p.phase() == null ? n.phase() : p.phase();
    String message = p.message() != null ? p.message() : n.message();
    // Every other field kept (inputs, boundary, memoization), as the workflow recorded them.
    return n.live(
        phase,
        message,
        n.startedAt() != null ? n.startedAt() : p.startedAt(),
        p.hostNodeName() != null ? p.hostNodeName() : n.hostNodeName());
  }
}
