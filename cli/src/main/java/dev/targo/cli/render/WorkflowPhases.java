package dev.targo.cli.render;

import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;

/** The workflow status word Argo's printer shows ({@code util/printer.WorkflowStatus}). */
public final class WorkflowPhases {
  private WorkflowPhases() {}

  /**
   * {@code Running (Suspended)} for a running workflow that is suspended ({@code targo suspend}) or
   * has a waiting suspend node (Argo's {@code IsWorkflowSuspended}); otherwise the phase.
   */
  public static String shown(WorkflowStatus status) {
    if (status.phase() == NodePhase.Running && suspended(status)) {
      return "Running (Suspended)";
    }
    return status.phase().name();
  }

  private static boolean suspended(WorkflowStatus status) {
    return Boolean.TRUE.equals(status.suspended())
        || status.nodes().values().stream()
            .anyMatch(n -> n.type() == NodeType.Suspend && n.phase() == NodePhase.Running);
  }
}
