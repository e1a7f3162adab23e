package dev.targo.api.temporal;

import java.util.List;

/**
 * A lock's state, carried over when its workflow continues as new and shown by its query.
 *
 * @param key the lock's key ({@code <namespace>/Mutex/<name>}, {@code
 *     <namespace>/ConfigMap/<name>/<key>}, …)
 * @param limit how many may hold it at once
 * @param holders who hold it, in the order they got it
 * @param waiting who wait for it, first come first served
 */
public record LockState(
    String key, int limit, List<LockRequest> holders, List<LockRequest> waiting) {

  public LockState {
    holders = holders == null ? List.of() : List.copyOf(holders);
    waiting = waiting == null ? List.of() : List.copyOf(waiting);
  }
}
