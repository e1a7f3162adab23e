package dev.targo.api.temporal;

import dev.targo.argo.status.NodePhase;
import java.time.Instant;

/**
 * Heartbeat details of a running {@link PodActivities#runAttempt} call: where its pod is. A retried
 * call resumes from them, and clients show them as the live state of a Pod node (for example the
 * scheduler's reason while a pod is Pending).
 *
 * @param podName the pod name
 * @param phase Pending or Running
 * @param message the scheduler's or kubelet's reason while Pending, or null
 * @param hostNodeName the host once scheduled, or null
 * @param startedAt when the pod started running, or null
 */
public record PodProgress(
    String podName, NodePhase phase, String message, String hostNodeName, Instant startedAt) {}
