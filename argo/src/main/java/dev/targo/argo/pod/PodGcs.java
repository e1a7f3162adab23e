package dev.targo.argo.pod;

import dev.targo.argo.ArgoDurations;
import dev.targo.argo.plan.PodGc;
import dev.targo.argo.status.NodePhase;
import java.util.Map;

/**
 * When the workflow deletes pods, per Argo's {@code spec.podGC.strategy}: after each attempt
 * ({@code OnPodCompletion}, targo's default; {@code OnPodSuccess} for succeeded attempts only) or
 * all at once when the workflow ends ({@code OnWorkflowCompletion}; {@code OnWorkflowSuccess} when
 * it succeeded). Pure.
 */
public final class PodGcs {
  private PodGcs() {}

  /**
   * Whether an attempt that ended in {@code phase}, whose pod has {@code podLabels}, has its pod
   * deleted once it ended: the strategy says so and {@code labelSelector} selects the pod (Argo's
   * pod GC deletes only the pods the selector selects).
   */
  public static boolean deleteAfterAttempt(
      PodGc gc, NodePhase phase, Map<String, String> podLabels) {
    if (gc != null && !LabelSelectors.matches(gc.labelSelector(), podLabels)) {
      return false;
    }
    return deleteAfterAttempt(gc, phase);
  }

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

  /**
   * The labels of an attempt's pod that a {@code labelSelector} can select: the template's ({@code
   * metadata.labels}, {@code podMetadata} merged in) and Argo's {@code
   * workflows.argoproj.io/workflow}.
   */
  public static Map<String, String> podLabels(PodRequest request) {
    Map<String, String> labels = new java.util.TreeMap<>(request.template().metadata().labels());
    labels.put(WORKFLOW_LABEL, request.workflowName());
    return labels;
  }

  /** Argo's label that names a pod's workflow. */
  static final String WORKFLOW_LABEL = "workflows.argoproj.io/workflow";

  /** {@code deleteDelayDuration} in milliseconds, or null for none. */
  public static Long delayMillis(PodGc gc) {
    if (gc == null || gc.deleteDelayDuration() == null) {
      return null;
    }
    long millis = ArgoDurations.parse(gc.deleteDelayDuration()).toMillis();
    return millis > 0 ? millis : null;
  }

  private static PodGc.Strategy strategy(PodGc gc) {
    return gc == null || gc.strategy() == null ? PodGc.Strategy.OnPodCompletion : gc.strategy();
  }
}
