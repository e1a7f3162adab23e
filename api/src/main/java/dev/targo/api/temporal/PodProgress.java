package dev.targo.api.temporal;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param ready whether the running pod's containers are ready (its readiness probe passes, or it
 *     has none), as Kubernetes' {@code containerStatuses[].ready}; null when not known. Only
 *     daemons ({@code daemon: true}) wait for it
 * @param podIP the pod's IP once it has one, or null
 */
public record PodProgress(
    String podName,
    NodePhase phase,
    String message,
    String hostNodeName,
    Instant startedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean ready,
    @JsonInclude(JsonInclude.Include.NON_NULL) String podIP) {

  /** Progress that says nothing of readiness. */
  public PodProgress(
      String podName, NodePhase phase, String message, String hostNodeName, Instant startedAt) {
    this(podName, phase, message, hostNodeName, startedAt, null, null);
  }

  /** Whether a daemon with this progress is daemoned: Running and ready. */
  public boolean daemonReady() {
    return phase == NodePhase.Running && Boolean.TRUE.equals(ready);
  }
}
