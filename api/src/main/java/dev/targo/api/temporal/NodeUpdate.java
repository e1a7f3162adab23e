package dev.targo.api.temporal;

import java.util.List;
import java.util.Map;

/**
 * A change of suspended nodes asked for by {@code targo resume} or {@code targo node set} (Argo's
 * {@code ResumeWorkflow} and {@code updateSuspendedNode}, {@code workflow/util/util.go}). It is
 * signalled to the workflow and passed down its running child workflows; each suspend node among
 * {@code nodeIds} that is still waiting applies it.
 *
 * @param nodeIds the ids of the suspend nodes it is for: the client picks the waiting ones its
 *     selector matches, so a node suspended later is never resumed by an earlier request
 * @param phase {@code Succeeded}, {@code Failed} or {@code Error} to end the nodes; null leaves
 *     them waiting (only outputs and message are set)
 * @param message the nodes' message, or null to keep theirs
 * @param outputs values of their {@code valueFrom.supplied} output parameters, by name
 * @param suspendWorkflow Argo's {@code spec.suspend}: true suspends the whole workflow ({@code
 *     targo suspend}: no attempt or child starts until it is resumed), false resumes it ({@code
 *     targo resume}), null leaves it as it is
 */
public record NodeUpdate(
    List<String> nodeIds,
    String phase,
    String message,
    Map<String, String> outputs,
    Boolean suspendWorkflow) {
  public NodeUpdate {
    nodeIds = nodeIds == null ? List.of() : List.copyOf(nodeIds);
    outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
  }

  /** An update of suspend nodes only. */
  public NodeUpdate(
      List<String> nodeIds, String phase, String message, Map<String, String> outputs) {
    this(nodeIds, phase, message, outputs, null);
  }
}
