package dev.targo.argo.flow;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param podIP the pod IP of a daemoned node ({@code steps.X.ip}), or null. A daemoned node is the
 *     only node whose parent sees it {@link NodePhase#Running}: its pod runs on after the step
 *     (Argo's {@code Daemoned}), until its boundary ends
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
    List<String> outbound,
    @JsonInclude(JsonInclude.Include.NON_NULL) String podIP) {

  public NodeResult {
    failedHosts = failedHosts == null ? List.of() : List.copyOf(failedHosts);
    outbound = outbound == null ? List.of(id) : List.copyOf(outbound);
  }

  /** The result of a node that is not a running daemon. */
  public NodeResult(
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
    this(
        id,
        name,
        phase,
        message,
        startedAt,
        finishedAt,
        hostNodeName,
        outputs,
        failedHosts,
        outbound,
        null);
  }

  /** Whether the node is a daemon still running after its step (Argo's {@code IsDaemoned}). */
  public boolean daemoned() {
    return phase == NodePhase.Running;
  }
}
