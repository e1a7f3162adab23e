package dev.targo.argo.status;

import dev.targo.argo.plan.Parameter;
import dev.targo.argo.pod.AttemptOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Argo {@code Pod} nodes: one per attempt, from creation to the attempt's outcome. Pure. */
public final class PodNodes {
  private PodNodes() {}

  /**
   * A pod node as Argo creates it: Pending until its pod has finished. The workflow cannot see
   * whether the pod is already running; clients that want that show the activity's heartbeat.
   * Argo's display name of an attempt is its full node name ({@code wf(1)}), as its boundary node
   * is the workflow itself.
   */
  public static NodeStatus created(
      String id, String name, String templateName, String podName, Instant startedAt) {
    return new NodeStatus(
        id,
        name,
        name,
        NodeType.Pod,
        templateName,
        NodePhase.Pending,
        null,
        startedAt,
        null,
        null,
        List.of(),
        null,
        podName);
  }

  /** {@code node} once its pod has finished with {@code outcome}. */
  public static NodeStatus finished(NodeStatus node, AttemptOutcome outcome) {
    return new NodeStatus(
            node.id(),
            node.name(),
            node.displayName(),
            node.type(),
            node.templateName(),
            outcome.phase(),
            outcome.message(),
            node.startedAt(),
            outcome.finishedAt(),
            outcome.hostNodeName(),
            node.children(),
            outputs(outcome),
            node.podName())
        .withFailedPodRestarts(outcome.failedPodRestarts())
        .withCluster(node.cluster());
  }

  /** Argo writes {@code outputs.exitCode} as a string and omits outputs a pod did not produce. */
  private static NodeOutputs outputs(AttemptOutcome outcome) {
    List<Parameter> parameters = new ArrayList<>();
    if (outcome.outputParameters() != null) {
      outcome.outputParameters().forEach((n, v) -> parameters.add(Parameter.of(n, v)));
    }
    if (outcome.exitCode() == null
        && outcome.result() == null
        && parameters.isEmpty()
        && outcome.outputArtifacts().isEmpty()) {
      return null;
    }
    String exitCode = outcome.exitCode() == null ? null : outcome.exitCode().toString();
    return new NodeOutputs(exitCode, outcome.result(), parameters, outcome.outputArtifacts());
  }
}
