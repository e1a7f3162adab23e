package dev.targo.argo.pod;

import dev.targo.argo.status.NodePhase;
import java.time.Instant;

/**
 * How one container of a {@code containerSet} pod ended: what its Argo {@code Container} node shows
 * ({@link ContainerSets#outcomes}).
 *
 * @param name the container's name in its set
 * @param phase the node's phase: Succeeded, Failed or Error once it has ended; Pending or Running
 *     when the pod ended without it ending (the workflow then ends it with the pod)
 * @param message Argo's message ({@code b: Error (exit code 1): }), or null
 * @param finishedAt when it ended, or null when unknown
 */
public record ContainerOutcome(String name, NodePhase phase, String message, Instant finishedAt) {}
