package dev.targo.worker.workflow;

import dev.targo.api.Names;
import io.temporal.workflow.CompletablePromise;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;

/**
 * A shutdown requested by {@code targo stop} or {@code targo terminate} (Argo's {@code
 * spec.shutdown}): the first valid strategy wins and is never withdrawn, as in Argo. Workflow code
 * waits on {@link #requested()} beside its activity and timers.
 */
final class Shutdown {
  private final CompletablePromise<Void> requested = Workflow.newPromise();
  private String strategy;

  /** Records {@code strategy}; an unknown one is logged and ignored, a second one too. */
  void request(String strategy) {
    if (!Names.STOP_STRATEGY_STOP.equals(strategy)
        && !Names.STOP_STRATEGY_TERMINATE.equals(strategy)) {
      Workflow.getLogger(Shutdown.class).warn("ignoring unknown shutdown strategy {}", strategy);
      return;
    }
    if (this.strategy == null) {
      this.strategy = strategy;
      requested.complete(null);
    }
  }

  boolean isRequested() {
    return strategy != null;
  }

  /** {@code Stop} or {@code Terminate}, or null while none was requested. */
  String strategy() {
    return strategy;
  }

  /** Completes when a shutdown is requested. */
  Promise<Void> requested() {
    return requested;
  }

  /** Argo's message for nodes ended by the shutdown. */
  String message() {
    return "Stopped with strategy '" + strategy + "'";
  }
}
