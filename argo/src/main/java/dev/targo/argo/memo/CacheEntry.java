package dev.targo.argo.memo;

import dev.targo.argo.status.NodeOutputs;
import java.time.Instant;

/**
 * One entry of a memoization cache, as Argo keeps it as the JSON value of a key of its cache
 * ConfigMap ({@code workflow/controller/cache.Entry}).
 *
 * @param nodeID {@code nodeID}: the node whose outputs these are
 * @param outputs {@code outputs}: that node's outputs, or null when it had none
 * @param creationTimestamp {@code creationTimestamp}: when they were saved, in whole seconds (a
 *     Kubernetes time), compared with {@code maxAge}
 * @param lastHitTimestamp {@code lastHitTimestamp}: targo writes the creation time and does not
 *     change it on a hit (docs/DESIGN.md §20)
 */
public record CacheEntry(
    String nodeID, NodeOutputs outputs, Instant creationTimestamp, Instant lastHitTimestamp) {

  /** An entry saved by node {@code nodeId} at {@code at}, truncated to the second as Argo's. */
  public static CacheEntry saved(String nodeId, NodeOutputs outputs, Instant at) {
    Instant seconds = at == null ? null : Instant.ofEpochSecond(at.getEpochSecond());
    return new CacheEntry(nodeId, outputs, seconds, seconds);
  }

  /** Argo's {@code Entry.Hit}: an entry that names the node it came from. */
  public boolean hit() {
    return nodeID != null && !nodeID.isEmpty();
  }
}
