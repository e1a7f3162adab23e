package dev.targo.api.status;

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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WorkflowStatus(
    NodePhase phase,
    String message,
    Instant startedAt,
    Instant finishedAt,
    String progress,
    Map<String, NodeStatus> nodes) {

  public WorkflowStatus {
    nodes =
        nodes == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(nodes));
  }
}
