package dev.targo.argo.pod;

import dev.targo.argo.plan.PodGc;
import dev.targo.argo.status.NodePhase;

/**
 * When the workflow deletes pods, per Argo's {@code spec.podGC.strategy}: after each attempt
 * ({@code OnPodCompletion}, targo's default; {@code OnPodSuccess} for succeeded attempts only) or
 * all at once when the workflow ends ({@code OnWorkflowCompletion}; {@code OnWorkflowSuccess} when
 * it succeeded). Pure.
 */
public final class PodGcs {
  private PodGcs() {}

  /** Whether an attempt that ended in {@code phase} has its pod deleted right away. */
  public static boolean deleteAfterAttempt(PodGc gc, NodePhase phase) {
    return switch (strategy(gc)) {
      case OnPodCompletion -> true;
      case OnPodSuccess -> phase == NodePhase.Succeeded;
      case OnWorkflowCompletion, OnWorkflowSuccess -> false;
    };
  }

  /** Whether a workflow that ended in {@code phase} deletes every pod it still has. */
  public static boolean deleteAtWorkflowEnd(PodGc gc, NodePhase phase) {
    return switch (strategy(gc)) {
      case OnPodCompletion, OnPodSuccess -> false;
      case OnWorkflowCompletion -> true;
      case OnWorkflowSuccess -> phase == NodePhase.Succeeded;
    };
  }

  private static PodGc.Strategy strategy(PodGc gc) {
    return gc == null || gc.strategy() == null ? PodGc.Strategy.OnPodCompletion : gc.strategy();
  }
}
