package dev.targo.argo.plan;

import dev.targo.argo.status.NodePhase;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The results a finished DAG task can be tested for in {@code depends} ({@code A.Succeeded}, …), as
 * Argo's {@code TaskResults}.
 */
public enum TaskResult {
  Succeeded,
  Failed,
  Errored,
  Skipped,
  Omitted,
  Daemoned,
  /** A looped task of which at least one child Succeeded. */
  AnySucceeded,
  /** A looped task with children, all of them Failed. */
  AllFailed;

  /** True for the results that only a looped task (withItems/withParam/withSequence) can have. */
  public boolean needsLoop() {
    return this == AnySucceeded || this == AllFailed;
  }

  /**
   * The results that hold for a finished task node, as Argo's {@code evaluateDependsLogic} computes
   * them. The only task a DAG sees {@link NodePhase#Running} is a daemoned one: it is {@link
   * #Daemoned}.
   *
   * @param phase the task node's phase
   * @param loopChildren the phases of its children when the task loops, else null
   */
  public static Set<TaskResult> of(NodePhase phase, List<NodePhase> loopChildren) {
    Set<TaskResult> results = EnumSet.noneOf(TaskResult.class);
    switch (phase) {
      case Succeeded -> results.add(Succeeded);
      case Failed -> results.add(Failed);
      case Error -> results.add(Errored);
      case Skipped -> results.add(Skipped);
      case Omitted -> results.add(Omitted);
      case Running -> results.add(Daemoned);
      case Pending -> {}
    }
    if (loopChildren != null) {
      if (loopChildren.contains(NodePhase.Succeeded)) {
        results.add(AnySucceeded);
      }
      if (!loopChildren.isEmpty() && loopChildren.stream().allMatch(p -> p == NodePhase.Failed)) {
        results.add(AllFailed);
      }
    }
    return results;
  }
}
