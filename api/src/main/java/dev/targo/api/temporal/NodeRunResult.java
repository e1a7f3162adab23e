package dev.targo.api.temporal;

import dev.targo.argo.status.NodeOutputs;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import java.time.Instant;
import java.util.List;

/**
 * How a {@link NodeWorkflow} ended: what its parent needs ({@code steps.X.*}/{@code tasks.X.*}
 * values, phase, failed hosts below it, Argo's outbound nodes) and its final node subtree for the
 * parent's status.
 *
 * @param id the node id
 * @param name the node name
 * @param phase the node's final phase
 * @param message its final message, or null
 * @param startedAt when it started
 * @param finishedAt when it finished
 * @param hostNodeName the host of its (last) pod, or null
 * @param outputs its outputs, or null
 * @param failedHosts hosts of every Failed or Error pod below it, sorted
 * @param outbound Argo's outbound node ids of the node
 * @param nodes every node of its subtree, in creation order, the node itself first
 * @param omittedAttempts attempt nodes dropped from retry nodes in the subtree (pod nodes: those of
 *     a dropped steps or DAG attempt are counted one by one)
 * @param omittedSucceeded how many of the dropped pod nodes had Succeeded
 */
public record NodeRunResult(
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
    List<NodeStatus> nodes,
    int omittedAttempts,
    int omittedSucceeded) {

  public NodeRunResult {
    failedHosts = failedHosts == null ? List.of() : List.copyOf(failedHosts);
    outbound = outbound == null ? List.of() : List.copyOf(outbound);
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
  }

  /** A result none of whose dropped pod nodes Succeeded. */
  public NodeRunResult(
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
      List<NodeStatus> nodes,
      int omittedAttempts) {
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
        nodes,
        omittedAttempts,
        0);
  }
}
