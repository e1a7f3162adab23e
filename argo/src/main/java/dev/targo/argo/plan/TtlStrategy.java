package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.targo.argo.status.NodePhase;

/**
 * Argo's {@code spec.ttlStrategy}: how long a finished workflow is kept before it is deleted.
 * Argo's garbage collector ({@code workflow/gccontroller/gc_controller.go}, {@code ttl}) takes
 * {@code secondsAfterFailure} for a Failed workflow and {@code secondsAfterSuccess} for a Succeeded
 * one when set, else {@code secondsAfterCompletion} (the only one an Errored workflow reads).
 *
 * @param secondsAfterCompletion seconds after any end, or null
 * @param secondsAfterSuccess seconds after a Succeeded end, or null
 * @param secondsAfterFailure seconds after a Failed end, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TtlStrategy(
    Integer secondsAfterCompletion, Integer secondsAfterSuccess, Integer secondsAfterFailure) {

  /** The seconds a workflow that ended {@code phase} is kept, or null when it is kept for ever. */
  public Integer secondsAfter(NodePhase phase) {
    if (phase == NodePhase.Failed && secondsAfterFailure != null) {
      return secondsAfterFailure;
    }
    if (phase == NodePhase.Succeeded && secondsAfterSuccess != null) {
      return secondsAfterSuccess;
    }
    return secondsAfterCompletion;
  }
}
