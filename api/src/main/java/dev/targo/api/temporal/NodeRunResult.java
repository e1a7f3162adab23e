package dev.targo.api.temporal;

import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.status.NodeStatus;
import java.util.List;

/**
 * How a {@link NodeWorkflow} ended: what its parent needs to go on ({@link NodeResult}: phase,
 * outputs, failed hosts below it, Argo's outbound nodes) and its final node subtree for the
 * parent's status.
 *
 * @param node how the node ended
 * @param nodes every node of its subtree, in creation order, the node itself first
 * @param omittedPods pod nodes dropped with old attempts of retry nodes in the subtree
 * @param omittedSucceeded how many of the dropped pod nodes had Succeeded
 */
public record NodeRunResult(
    NodeResult node, List<NodeStatus> nodes, int omittedPods, int omittedSucceeded) {

  public NodeRunResult {
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
  }
}
