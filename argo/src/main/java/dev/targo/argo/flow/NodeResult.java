package dev.targo.argo.flow;

import dev.targo.argo.status.NodeOutputs;
import dev.targo.argo.status.NodePhase;
import java.time.Instant;
import java.util.List;

/**
 * How a node below the root ended, as its parent needs to know it: the {@code steps.X.*} / {@code
 * tasks.X.*} values, whether it fails its parent, the hosts of every failed pod below it (for a
 * retried ancestor's {@code nodeAntiAffinity}) and the node ids a following node hangs below
 * (Argo's outbound nodes).
 *
 * @param id the node id
 * @param name the node name
 * @param phase the final phase
 * @param message the final message, or null
 * @param startedAt when the node started
 * @param finishedAt when it finished
 * @param hostNodeName the host of its (last) pod, or null
 * @param outputs its outputs (a retry node's are its last attempt's), or null
 * @param failedHosts hosts of every Failed or Error pod below it, sorted
 * @param outbound Argo's outbound node ids: the leaves a next step group or dependant task hangs
 *     below
 */
public record NodeResult(
    String id,
    String name,
    NodePhase phase,
    String message,
    Instant startedAt,
    Instant finishedAt,
    String hostNodeName,
    NodeOutputs outputs,
    List<String> failedHosts,
    List<String> outbound) {

  public NodeResult {
    failedHosts = failedHosts == null ? List.of() : List.copyOf(failedHosts);
    outbound = outbound == null ? List.of(id) : List.copyOf(outbound);
  }
}
