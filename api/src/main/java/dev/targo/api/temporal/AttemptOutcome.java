package dev.targo.api.temporal;

import dev.targo.api.status.NodePhase;
import java.time.Instant;

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
    String result) {}
