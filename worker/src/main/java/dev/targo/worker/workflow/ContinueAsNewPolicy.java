package dev.targo.worker.workflow;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;

/**
 * When the workflow a retry node is the top of continues as new (docs/DESIGN.md §5.3): between two
 * attempts, once its run has had {@link #ATTEMPTS_PER_RUN} attempts or {@link #EVENTS_PER_RUN}
 * history events, or when the server suggests it. One rule for every node and workflow. The limits
 * are constants rather than settings: a replay must take the decision the original run took,
 * whatever worker replays it.
 */
public final class ContinueAsNewPolicy {
  /** Attempts one run holds at most (a pod attempt costs about 12 history events). */
  public static final int ATTEMPTS_PER_RUN = 100;

  /** History events after which a run continues as new at the next chance. */
  public static final int EVENTS_PER_RUN = 2_000;

  private ContinueAsNewPolicy() {}

  /** Whether the current run should continue as new, after {@code attemptsThisRun} attempts. */
  static boolean runIsLong(int attemptsThisRun) {
    WorkflowInfo info = Workflow.getInfo();
    return isLong(attemptsThisRun, info.getHistoryLength(), info.isContinueAsNewSuggested());
  }

  /** The rule itself, on plain values. */
  static boolean isLong(int attemptsThisRun, long historyLength, boolean suggested) {
    return attemptsThisRun >= ATTEMPTS_PER_RUN || historyLength >= EVENTS_PER_RUN || suggested;
  }
}
