package dev.targo.argo.plan;

/**
 * Argo {@code spec.podGC}.
 *
 * @param strategy {@code strategy}
 */
public record PodGc(Strategy strategy) {

  /** Argo {@code podGC.strategy} values; targo's default is {@link #OnPodCompletion}. */
  public enum Strategy {
    OnPodCompletion,
    OnPodSuccess,
    OnWorkflowCompletion,
    OnWorkflowSuccess
  }
}
