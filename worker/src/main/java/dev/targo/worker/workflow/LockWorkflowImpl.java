package dev.targo.worker.workflow;

import dev.targo.api.Names;
import dev.targo.api.temporal.LockActivities;
import dev.targo.api.temporal.LockRequest;
import dev.targo.api.temporal.LockState;
import dev.targo.api.temporal.LockWorkflow;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Set;
import java.util.TreeSet;

/**
 * One lock of Argo's {@code synchronization}, shared by every workflow of the Temporal namespace.
 * Fair: requests are granted in the order the lock received them (its history's order), each as
 * soon as fewer than the limit hold it. Crash-safe: the holders and the queue live in this
 * workflow's history, so a worker or server restart loses nothing; a holder that died without
 * giving the lock back (its workflow terminated, or gone) is noticed by a check of the holders'
 * workflows while others wait, and its place freed. The lock continues as new, holders and queue
 * carried over, before its history grows long, and ends once nobody holds it or waits.
 */
public final class LockWorkflowImpl implements LockWorkflow {
  /** How often the holders' workflows are checked while someone waits. */
  static final Duration LIVENESS_CHECK = Duration.ofSeconds(30);

  /** History length after which the lock continues as new. */
  static final int HISTORY_LIMIT = 4_000;

  private final LockActivities activities = Locks.activities();

  private String key;
  private final LockQueue queue = new LockQueue();
  private boolean changed;

  @Override
  public void run(LockState state) {
    key = state.key();
    queue.restore(state);
    Workflow.setCurrentDetails("lock `" + key + "`");
    while (true) {
      grant();
      if (queue.idle()) {
        return;
      }
      if (Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT) {
        Workflow.continueAsNew(state());
      }
      boolean woke = Workflow.await(LIVENESS_CHECK, () -> changed);
      changed = false;
      if (!woke && queue.anyWaiting()) {
        Set<String> requesters = queue.holderRequesters();
        if (!requesters.isEmpty()) {
          queue.releaseRequesters(new TreeSet<>(activities.closed(new ArrayList<>(requesters))));
        }
      }
    }
  }

  @Override
  public void request(LockRequest request) {
    queue.request(request);
    changed = true;
  }

  @Override
  public void release(String holder) {
    queue.release(holder);
    changed = true;
  }

  @Override
  public LockState state() {
    return queue.state(key);
  }

  /** Tells each newly granted holder, whose workflow, if gone, gives the lock back. */
  private void grant() {
    for (LockRequest r : queue.grant()) {
      Async.procedure(
          () -> {
            try {
              Workflow.newUntypedExternalWorkflowStub(r.requester())
                  .signal(Names.SIGNAL_LOCK_GRANTED, key);
            } catch (RuntimeException gone) {
              // The asking workflow is gone: it cannot hold the lock.
              release(r.holder());
            }
          });
    }
  }
}
