package dev.targo.argo.status;

import java.util.List;

/**
 * Which attempts of a retry node keep their subtree in the status. A node retried for ever would
 * otherwise grow its status (and the state its workflow carries across continue-as-new) without
 * bound; a steps or DAG attempt re-runs every child, so its subtree can be large, while a pod
 * attempt is one node. Before a new attempt starts, the oldest attempts are dropped until at most
 * {@link #ATTEMPTS} remain with the new one, holding at most {@link #NODES} nodes together; the
 * most recent attempt is always kept. Pure.
 */
public final class KeptAttempts {

  /** How many attempts keep their subtree, the one about to start included. */
  public static final int ATTEMPTS = 100;

  /** How many nodes the finished attempts kept hold at most together (unless there is one). */
  public static final int NODES = 1_000;

  private KeptAttempts() {}

  /**
   * How many of the oldest attempts to drop before the next one starts.
   *
   * @param subtreeSizes the node count of each finished attempt's subtree, oldest first
   */
  public static int toDrop(List<Integer> subtreeSizes) {
    int nodes = subtreeSizes.stream().mapToInt(Integer::intValue).sum();
    int drop = 0;
    while (subtreeSizes.size() - drop > 1
        && (subtreeSizes.size() - drop >= ATTEMPTS || nodes > NODES)) {
      nodes -= subtreeSizes.get(drop);
      drop++;
    }
    return drop;
  }
}
