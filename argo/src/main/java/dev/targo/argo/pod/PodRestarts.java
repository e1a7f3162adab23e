package dev.targo.argo.pod;

import java.util.List;
import java.util.Set;

/**
 * Argo 4's {@code failedPodRestart} (controller {@code pod_restart.go}): a pod that failed before
 * its main container ran, for a reason of the node rather than of the workflow, is created again as
 * the same attempt, without costing a {@code retryStrategy} retry, up to a limit per attempt. Pure.
 */
public final class PodRestarts {
  private PodRestarts() {}

  /**
   * The pod reasons the kubelet gives for failures of the node, not of the pod: eviction under node
   * pressure, a graceful node shutdown, a node whose labels no longer match, an admission error
   * ({@code isRestartableReason}).
   */
  public static final Set<String> REASONS =
      Set.of("Evicted", "NodeShutdown", "NodeAffinity", "UnexpectedAdmissionError");

  /** Argo's default {@code failedPodRestart.maxRestarts}. */
  public static final int DEFAULT_MAX = 3;

  /**
   * Whether {@code pod} qualifies for a restart ({@code analyzePodForRestart}): it failed, for one
   * of {@link #REASONS}, and none of {@code mains} (the containers that run the template) ever
   * started.
   */
  public static boolean qualifies(PodState pod, List<String> mains) {
    return pod.phase() == PodState.Phase.Failed
        && pod.reason() != null
        && REASONS.contains(pod.reason())
        && mainNeverStarted(pod, mains);
  }

  /**
   * The message of a pod node while its pod is created again, as Argo's: {@code Pod auto-restarting
   * due to Evicted: The node was low on resource: memory.}.
   */
  public static String message(PodState pod) {
    return "Pod auto-restarting due to "
        + pod.reason()
        + ": "
        + (pod.message() == null ? "" : pod.message());
  }

  private static boolean mainNeverStarted(PodState pod, List<String> mains) {
    for (PodState.ContainerStatus c : pod.containers()) {
      if (!mains.contains(c.name())) {
        continue;
      }
      switch (c.state()) {
        case PodState.ContainerState.Running running -> {
          return false;
        }
        case PodState.ContainerState.Terminated t when t.startedAt() != null -> {
          return false;
        }
        case null, default -> {}
      }
    }
    return true;
  }
}
