package dev.targo.api.temporal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.plan.Parameter;
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
 * @param exported the output parameters its nodes exported by {@code globalName}, in the order
 *     first exported (name: the global name)
 */
public record NodeRunResult(
    NodeResult node,
    List<NodeStatus> nodes,
    int omittedPods,
    int omittedSucceeded,
    // Left out when empty: results recorded before it existed read the same.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Parameter> exported,
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
        List<dev.targo.argo.plan.Artifact> exportedArtifacts) {

  public NodeRunResult {
    nodes = nodes == null ? List.of() : List.copyOf(nodes);
    exported = exported == null ? List.of() : List.copyOf(exported);
    exportedArtifacts = exportedArtifacts == null ? List.of() : List.copyOf(exportedArtifacts);
  }

  /** A result whose nodes exported no artifact. */
  public NodeRunResult(
      NodeResult node,
      List<NodeStatus> nodes,
      int omittedPods,
      int omittedSucceeded,
      List<Parameter> exported) {
    this(node, nodes, omittedPods, omittedSucceeded, exported, List.of());
  }

  /** A result whose nodes exported nothing. */
  public NodeRunResult(
      NodeResult node, List<NodeStatus> nodes, int omittedPods, int omittedSucceeded) {
    this(node, nodes, omittedPods, omittedSucceeded, List.of());
  }
}
