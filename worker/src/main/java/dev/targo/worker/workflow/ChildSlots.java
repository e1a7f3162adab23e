package dev.targo.worker.workflow;

import dev.targo.argo.flow.NodeResult;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.function.Supplier;

/**
 * A steps or DAG template's {@code parallelism}: at most that many of its children (pods, or steps
 * and DAGs it calls) run at once, as Argo's {@code checkParallelism} counts the active children of
 * the template's boundary. A child waiting for a slot has no node yet, as in Argo, where it is not
 * created until a slot frees. With the template's {@code failFast: true}, no child starts once one
 * has failed or errored ({@link #stopped}). Workflow-thread state: replayed like the rest of the
 * execution.
 */
final class ChildSlots {
  /** Argo's message for a node that stopped starting children under {@code failFast}. */
  static final String FAIL_FAST = "template has failed or errored children and failFast enabled";

  private final Integer limit;
  private final boolean failFast;
  private int active;
  private boolean stopped;

  /**
   * Slots for {@code limit} children at once (null for no limit), stopping on a failure under
   * {@code failFast}.
   */
  ChildSlots(Integer limit, boolean failFast) {
    this.limit = limit;
    this.failFast = failFast;
  }

  /** Whether a child failed under {@code failFast}, so that no more start. */
  boolean stopped() {
    return stopped;
  }

  /**
   * Waits for a free slot, then starts the child; the slot is freed when the child ends. Null when
   * the template stopped under {@code failFast} meanwhile: the child is not started.
   */
  Promise<NodeResult> start(Supplier<Promise<NodeResult>> child) {
    if (limit == null && !failFast) {
      return child.get();
    }
    Workflow.await(() -> stopped || limit == null || active < limit);
    if (stopped) {
      return null;
    }
    active++;
    return child
        .get()
        .handle(
            (result, failure) -> {
              active--;
              if (failure != null) {
                throw failure;
              }
              if (failFast && result.phase().failedOrError()) {
                stopped = true;
              }
              return result;
            });
  }
}
