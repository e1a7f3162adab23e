package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Argo {@code spec.podGC}.
 *
 * @param strategy {@code strategy}, or null for targo's default
 * @param labelSelector {@code labelSelector} (a Kubernetes LabelSelector): only pods it selects are
 *     deleted; null selects every pod
 * @param deleteDelayDuration {@code deleteDelayDuration} as written (a duration), or null: how long
 *     a pod the strategy deletes is kept first
 */
public record PodGc(
    Strategy strategy,
    // Left out of the plan's JSON when absent: plans written before they existed read the same.
    @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode labelSelector,
    @JsonInclude(JsonInclude.Include.NON_NULL) String deleteDelayDuration) {

  /** A strategy without selector and delay. */
  public PodGc(Strategy strategy) {
    this(strategy, null, null);
  }

  /** Argo {@code podGC.strategy} values; targo's default is {@link #OnPodCompletion}. */
  public enum Strategy {
    OnPodCompletion,
    OnPodSuccess,
    OnWorkflowCompletion,
    OnWorkflowSuccess
  }
}
