package dev.targo.argo.flow;

import dev.targo.argo.plan.ContinueOn;
import dev.targo.argo.plan.DagTask;
import dev.targo.argo.plan.TaskResult;
import dev.targo.argo.plan.TemplateBody.DagBody;
import dev.targo.argo.status.NodePhase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The decisions of a DAG template (Argo's {@code dag.go}): which tasks run, which tasks are Omitted
 * because their {@code depends} does not hold, and the DAG's phase once nothing runs. Pure; every
 * list is in declaration order, so the workflow starts tasks deterministically.
 */
public final class DagDecider {
  private DagDecider() {}

  /**
   * A finished task as {@code depends} sees it.
   *
   * @param phase the task node's phase
   * @param loopChildren the phases of its loop children, or null when it does not loop
   */
  public record Finished(NodePhase phase, List<NodePhase> loopChildren) {}

  /** What to do with a task whose dependencies have all finished. */
  public sealed interface Next {
    DagTask task();

    /** Run it (its {@code when} is still to be checked, after substitution). */
    record Run(DagTask task) implements Next {}

    /** Its {@code depends} does not hold: an Omitted node. */
    record Omit(DagTask task) implements Next {}
  }

  /** Argo's message on an Omitted task node. */
  public static final String OMITTED_MESSAGE = "omitted: depends condition not met";

  /**
   * The target tasks: {@code dag.target} split on spaces (already substituted), else every task no
   * other task depends on.
   */
  public static List<String> targets(DagBody dag) {
    if (dag.target() != null && !dag.target().isBlank()) {
      return List.of(dag.target().strip().split(" +"));
    }
    Set<String> depended = new LinkedHashSet<>();
    dag.tasks().forEach(t -> depended.addAll(t.dependencies()));
    return dag.tasks().stream().map(DagTask::name).filter(n -> !depended.contains(n)).toList();
  }

  /** The tasks that run at all: the targets and, transitively, what they depend on. */
  public static Set<String> needed(DagBody dag, List<String> targets) {
    Map<String, DagTask> byName = byName(dag);
    Set<String> needed = new LinkedHashSet<>();
    Deque<String> queue = new ArrayDeque<>(targets);
    while (!queue.isEmpty()) {
      String name = queue.pop();
      DagTask task = byName.get(name);
      if (task != null && needed.add(name)) {
        queue.addAll(task.dependencies());
      }
    }
    return needed;
  }

  /**
   * The needed tasks not yet started whose dependencies have all finished, each to run or to omit.
   *
   * @param started names of tasks already started or finished
   * @param finished finished tasks by name
   */
  public static List<Next> ready(
      DagBody dag, Set<String> needed, Set<String> started, Map<String, Finished> finished) {
    List<Next> next = new ArrayList<>();
    for (DagTask task : dag.tasks()) {
      if (!needed.contains(task.name()) || started.contains(task.name())) {
        continue;
      }
      if (!finished.keySet().containsAll(task.dependencies())) {
        continue;
      }
      boolean holds =
          task.condition() == null
              || task.condition()
                  .holds(
                      name -> {
                        Finished f = finished.get(name);
                        return f == null ? Set.of() : TaskResult.of(f.phase(), f.loopChildren());
                      });
      next.add(holds ? new Next.Run(task) : new Next.Omit(task));
    }
    return next;
  }

  /**
   * The DAG's phase once no task runs (Argo's {@code assessDAGPhase}): each target's branch phase,
   * where an Omitted task inherits a failing phase of the tasks it depends on; the DAG takes the
   * phase of a failing target branch unless that target continues on it. With {@code failFast} the
   * first failing target decides; without it, the last.
   */
  public static NodePhase assess(
      DagBody dag, List<String> targets, Map<String, Finished> finished) {
    Map<String, DagTask> byName = byName(dag);
    Map<String, NodePhase> branch = new HashMap<>();
    NodePhase result = NodePhase.Succeeded;
    for (String target : targets) {
      NodePhase phase = branchPhase(target, byName, finished, branch);
      DagTask task = byName.get(target);
      if (phase == null || !phase.failedOrError()) {
        continue;
      }
      if (task != null && continuesOn(task, phase)) {
        continue;
      }
      result = phase;
      if (dag.failFast()) {
        break;
      }
    }
    return result;
  }

  private static NodePhase branchPhase(
      String name,
      Map<String, DagTask> byName,
      Map<String, Finished> finished,
      Map<String, NodePhase> memo) {
    if (memo.containsKey(name)) {
      return memo.get(name);
    }
    Finished f = finished.get(name);
    NodePhase phase;
    if (f != null && f.phase() != NodePhase.Omitted) {
      phase = f.phase();
    } else {
      phase = NodePhase.Succeeded;
      DagTask task = byName.get(name);
      for (String dep : task == null ? List.<String>of() : task.dependencies()) {
        NodePhase inherited = branchPhase(dep, byName, finished, memo);
        if (inherited != null && inherited.failedOrError()) {
          phase = inherited;
          break;
        }
      }
    }
    memo.put(name, phase);
    return phase;
  }

  /** Argo's {@code ContinuesOn}: continueOn.failed for Failed, continueOn.error for Error. */
  public static boolean continuesOn(DagTask task, NodePhase phase) {
    return continuesOn(task.continueOn(), phase);
  }

  /** Argo's {@code ContinuesOn} for a step or task with this {@code continueOn} (or null). */
  public static boolean continuesOn(ContinueOn continueOn, NodePhase phase) {
    return continueOn != null
        && ((phase == NodePhase.Failed && continueOn.failed())
            || (phase == NodePhase.Error && continueOn.error()));
  }

  private static Map<String, DagTask> byName(DagBody dag) {
    Map<String, DagTask> byName = new HashMap<>();
    dag.tasks().forEach(t -> byName.put(t.name(), t));
    return byName;
  }
}
