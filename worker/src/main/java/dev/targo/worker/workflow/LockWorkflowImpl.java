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
import java.util.List;
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
  private int limit = 1;
  private final List<LockRequest> holders = new ArrayList<>();
  private final List<LockRequest> waiting = new ArrayList<>();
  private final List<LockRequest> regrant = new ArrayList<>();
  private boolean changed;

  @Override
  public void run(LockState state) {
    key = state.key();
    limit = state.limit();
    for (LockRequest h : state.holders()) {
      if (indexOf(holders, h.holder()) < 0) {
        holders.add(h);
      }
    }
    for (LockRequest w : state.waiting()) {
      if (indexOf(waiting, w.holder()) < 0 && indexOf(holders, w.holder()) < 0) {
        waiting.add(w);
      }
    }
    Workflow.setCurrentDetails("lock `" + key + "`");
    while (true) {
      grant();
      if (holders.isEmpty() && waiting.isEmpty()) {
        return;
      }
      if (Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT) {
        Workflow.continueAsNew(state());
      }
      boolean woke = Workflow.await(LIVENESS_CHECK, () -> changed);
      changed = false;
      if (!woke && !waiting.isEmpty()) {
        freeDeadHolders();
      }
    }
  }

  @Override
  public void request(LockRequest request) {
    limit = request.limit();
    if (indexOf(holders, request.holder()) >= 0) {
      // Asked again by a holder (its workflow continued as new): it still holds the lock.
      regrant.add(request);
    } else {
      int at = indexOf(waiting, request.holder());
      if (at >= 0) {
        waiting.set(at, request);
      } else {
        waiting.add(request);
      }
    }
    changed = true;
  }

  @Override
  public void release(String holder) {
    holders.removeIf(h -> h.holder().equals(holder));
    waiting.removeIf(w -> w.holder().equals(holder));
    changed = true;
  }

  @Override
  public LockState state() {
    return new LockState(key, limit, holders, waiting);
  }

  /** Grants the lock to the first waiting while fewer than the limit hold it. */
  private void grant() {
    List<LockRequest> granted = new ArrayList<>(regrant);
    regrant.clear();
    while (!waiting.isEmpty() && holders.size() < limit) {
      LockRequest next = waiting.removeFirst();
      holders.add(next);
      granted.add(next);
    }
    for (LockRequest r : granted) {
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

  private void freeDeadHolders() {
    Set<String> requesters = new TreeSet<>();
    holders.forEach(h -> requesters.add(h.requester()));
    if (requesters.isEmpty()) {
      return;
    }
    Set<String> closed = new TreeSet<>(activities.closed(new ArrayList<>(requesters)));
    holders.removeIf(h -> closed.contains(h.requester()));
  }

  private static int indexOf(List<LockRequest> list, String holder) {
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).holder().equals(holder)) {
        return i;
      }
    }
    return -1;
  }
}
