package dev.targo.argo.pod;

import dev.targo.argo.status.NodePhase;
import java.time.Instant;
import java.util.Map;

/**
 * How one attempt ended, as the executor saw it (Argo classification of the pod, ARGO-SEMANTICS
 * §2).
 *
 * @param phase Succeeded, Failed or Error
 * @param message Argo's message ({@code main: Error (exit code 1)}), or null
 * @param exitCode the main container's exit code, or null when it never ran
 * @param hostNodeName the host the pod ran on (hostname label value), or null if never scheduled
 * @param startedAt when the attempt started
 * @param finishedAt when it finished
 * @param transientError true when the failure is transient (OnTransientError)
 * @param podName the pod name
 * @param result the main container's output ({@code outputs.result} for script templates), or null
 * @param outputParameters values of the template's {@code outputs.parameters} with {@code
 *     valueFrom.path}, by name in declaration order (a missing file gives {@code
 *     valueFrom.default}), or null when the executor read none
 */
public record AttemptOutcome(
    NodePhase phase,
    String message,
    Integer exitCode,
    String hostNodeName,
    Instant startedAt,
    Instant finishedAt,
    boolean transientError,
    String podName,
    String result,
    Map<String, String> outputParameters) {

  public AttemptOutcome {
    outputParameters =
        outputParameters == null
            ? null
            : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(outputParameters));
  }

  /** An outcome without output parameters (the shape before they were read). */
  public AttemptOutcome(
      NodePhase phase,
      String message,
      Integer exitCode,
      String hostNodeName,
      Instant startedAt,
      Instant finishedAt,
      boolean transientError,
      String podName,
      String result) {
    this(
        phase,
        message,
        exitCode,
        hostNodeName,
        startedAt,
        finishedAt,
        transientError,
        podName,
        result,
        null);
  }
}
