package dev.targo.argo.plan;

import java.util.List;

/**
 * One inner list of Argo {@code template.steps}: steps that start together and run in parallel. The
 * next group starts when every step of this one has finished (Argo node type {@code StepGroup},
 * named {@code [i]}).
 *
 * @param steps the steps of the group, in declaration order
 */
public record StepGroup(List<Step> steps) {
  public StepGroup {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }
}
