package dev.targo.argo.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Map;

/**
 * Argo's {@code Workflow.status}, as the {@code status} query returns it and {@code -o json} prints
 * it.
 *
 * @param phase {@code phase}
 * @param message {@code message}, or null
 * @param startedAt {@code startedAt}
 * @param finishedAt {@code finishedAt}, or null while running
 * @param progress {@code progress}: {@code succeeded/total} over pod nodes
 * @param nodes {@code nodes} keyed by node id, in creation order
 * @param omittedNodes how many older attempt nodes {@code nodes} no longer holds, so that an
 *     unbounded retry loop keeps a bounded status (targo's addition; they still count in {@code
 *     progress}), or null when none were dropped
 * @param suspended true while {@code targo suspend} holds the workflow (Argo's {@code
 *     spec.suspend}), else null
 * @param outputs {@code outputs}: the output parameters nodes exported by {@code globalName}
 *     (Argo's {@code addParamToGlobalScope}), or null when none did
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowStatus(
    NodePhase phase,
    String message,
    Instant startedAt,
    Instant finishedAt,
    String progress,
    Map<String, NodeStatus> nodes,
    Integer omittedNodes,
    Boolean suspended,
    NodeOutputs outputs) {

  /** A status without exported outputs. */
  public WorkflowStatus(
      NodePhase phase,
      String message,
      Instant startedAt,
      Instant finishedAt,
      String progress,
      Map<String, NodeStatus> nodes,
      Integer omittedNodes,
      Boolean suspended) {
    this(phase, message, startedAt, finishedAt, progress, nodes, omittedNodes, suspended, null);
  }

  /** A status of a workflow that is not suspended. */
  public WorkflowStatus(
      NodePhase phase,
      String message,
      Instant startedAt,
      Instant finishedAt,
      String progress,
      Map<String, NodeStatus> nodes,
      Integer omittedNodes) {
    this(phase, message, startedAt, finishedAt, progress, nodes, omittedNodes, null);
  }

  /** This status, marked suspended as Argo's {@code spec.suspend} when {@code suspended}. */
  public WorkflowStatus suspended(boolean suspended) {
    return new WorkflowStatus(
        phase,
        message,
        startedAt,
        finishedAt,
        progress,
        nodes,
        omittedNodes,
        suspended ? Boolean.TRUE : null,
        outputs);
  }

  /** This status with {@code outputs}. */
  public WorkflowStatus withOutputs(NodeOutputs outputs) {
    return new WorkflowStatus(
        phase, message, startedAt, finishedAt, progress, nodes, omittedNodes, suspended, outputs);
  }

  /** A status holding every node. */
  public WorkflowStatus(
      NodePhase phase,
      String message,
      Instant startedAt,
      Instant finishedAt,
      String progress,
      Map<String, NodeStatus> nodes) {
    this(phase, message, startedAt, finishedAt, progress, nodes, null);
  }

  public WorkflowStatus {
    // Argo's workflow times are whole seconds (metav1.Time).
    startedAt = WholeSeconds.of(startedAt);
    finishedAt = WholeSeconds.of(finishedAt);
    nodes =
        nodes == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodes));
  }
}
