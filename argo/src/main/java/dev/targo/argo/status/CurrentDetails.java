package dev.targo.argo.status;

import java.util.List;

/**
 * The text a workflow shows as its Temporal "current details" in the Web UI: phase, progress, the
 * entrypoint node's message, which while running is what it waits for ({@code Backoff for 4
 * seconds}), and the attempt running now with its pod (the workflow learns its host only when it
 * ends; {@code targo get} shows it live from the heartbeats). Pure.
 */
public final class CurrentDetails {
  private CurrentDetails() {}

  /**
   * {@code Running · progress 0/3 · Backoff for 4 seconds} ({@code Running (Suspended) · …} while
   * the workflow is suspended), or while an attempt runs {@code Running · progress 1/3 · attempt
   * wf(2) in pod wf-retry-backoff-1234} ({@code 3 attempts in pods} when several run at once).
   */
  public static String of(WorkflowStatus status, String rootMessage) {
    StringBuilder s = new StringBuilder();
    s.append(status.phase());
    if (Boolean.TRUE.equals(status.suspended()) && !status.phase().fulfilled()) {
      // As Argo's printer shows a workflow whose spec.suspend is set.
      s.append(" (Suspended)");
    }
    s.append(" · progress ").append(status.progress());
    String message = status.message() != null ? status.message() : rootMessage;
    if (message != null && !message.isEmpty()) {
      s.append(" · ").append(message);
    }
    if (!status.phase().fulfilled()) {
      List<NodeStatus> running =
          status.nodes().values().stream()
              .filter(n -> n.type() == NodeType.Pod && !n.phase().fulfilled())
              .toList();
      if (running.size() == 1) {
        NodeStatus pod = running.getFirst();
        s.append(" · attempt ").append(pod.name()).append(" in pod ").append(pod.podName());
      } else if (running.size() > 1) {
        s.append(" · ").append(running.size()).append(" attempts in pods");
      }
    }
    if (status.omittedNodes() != null) {
      s.append(" · ").append(status.omittedNodes()).append(" older attempt nodes not kept");
    }
    return s.toString();
  }
}
