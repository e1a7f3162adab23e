package dev.targo.worker.workflow;

import dev.targo.api.temporal.LockRequest;
import dev.targo.api.temporal.LockState;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rules of one lock of Argo's {@code synchronization}, without Temporal: who holds it, who
 * waits, first come first served, at most {@code limit} holders (the latest request's limit). A
 * holder that asks again (its workflow continued as new) still holds it and is granted again. Plain
 * state, driven by {@link LockWorkflowImpl}; table-tested on its own.
 */
final class LockQueue {
  private int limit = 1;
  private final List<LockRequest> holders = new ArrayList<>();
  private final List<LockRequest> waiting = new ArrayList<>();
  private final List<LockRequest> regrant = new ArrayList<>();

  /**
   * Takes over {@code state} (a run continued as new), keeping what requests already arrived in
   * this run.
   */
  void restore(LockState state) {
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
  }

  void request(LockRequest request) {
    limit = request.limit();
    if (indexOf(holders, request.holder()) >= 0) {
      regrant.add(request);
      return;
    }
    int at = indexOf(waiting, request.holder());
    if (at >= 0) {
      waiting.set(at, request);
    } else {
      waiting.add(request);
    }
  }

  /** {@code holder} gives the lock back, or stops waiting for it. */
  void release(String holder) {
    holders.removeIf(h -> h.holder().equals(holder));
    waiting.removeIf(w -> w.holder().equals(holder));
  }

  /** The holders whose asking workflow is among {@code closed} give the lock back. */
  void releaseRequesters(Set<String> closed) {
    holders.removeIf(h -> closed.contains(h.requester()));
  }

  /**
   * Grants the lock to the first waiting while fewer than the limit hold it; returns whom to tell,
   * the holders asking again first.
   */
  List<LockRequest> grant() {
    List<LockRequest> granted = new ArrayList<>(regrant);
    regrant.clear();
    while (!waiting.isEmpty() && holders.size() < limit) {
      LockRequest next = waiting.removeFirst();
      holders.add(next);
      granted.add(next);
    }
    return granted;
  }

  boolean idle() {
    return holders.isEmpty() && waiting.isEmpty();
  }

  boolean anyWaiting() {
    return !waiting.isEmpty();
  }

  /** The workflows that hold the lock. */
  Set<String> holderRequesters() {
    Set<String> out = new TreeSet<>();
    holders.forEach(h -> out.add(h.requester()));
    return out;
  }

  LockState state(String key) {
    return new LockState(key, limit, holders, waiting);
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
