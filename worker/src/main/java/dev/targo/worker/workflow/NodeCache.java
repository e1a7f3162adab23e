package dev.targo.worker.workflow;

import dev.targo.api.temporal.CacheActivities;
import dev.targo.argo.memo.CacheEntry;
import dev.targo.argo.memo.Memoization;
import dev.targo.argo.memo.Memoization.Decision;
import dev.targo.argo.memo.Memoization.Lookup;
import dev.targo.argo.plan.Memoize;
import dev.targo.argo.retry.NodeSpec;
import dev.targo.argo.status.MemoizationStatus;
import dev.targo.argo.status.NodeOutputs;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;

/**
 * The memoization of a node whose template has {@code memoize} (docs/DESIGN.md §20): the key
 * resolved and the entry looked up before the node runs, its outputs saved once it has succeeded.
 * The lookup and the save are activities on the shared cache ({@link CacheActivities}); what the
 * lookup found is in the history, and the pure {@link Memoization} decides on it, so a replay
 * decides as the run did. Nodes of other templates never come here: their histories are unchanged.
 */
final class NodeCache {
  private NodeCache() {}

  /** How a memoized node starts. */
  sealed interface Start {

    /** An entry is used: the node succeeds at once with {@code outputs}, no pod runs. */
    record Hit(MemoizationStatus status, NodeOutputs outputs) implements Start {}

    /**
     * No entry is used: the node runs, and saves its outputs under {@code memoize} if it succeeds.
     */
    record Miss(MemoizationStatus status, Memoize memoize) implements Start {}

    /** The node ends Error without running, with {@code message} (Argo's). */
    record Failed(String message) implements Start {}
  }

  /** Resolves {@code node}'s key, looks it up, and decides. */
  static Start lookup(RunContext ctx, NodeSpec node) {
    Lookup lookup = Memoization.prepare(node, RunContext.now());
    if (lookup instanceof Lookup.Invalid invalid) {
      return new Start.Failed(invalid.message());
    }
    Lookup.Ready ready = (Lookup.Ready) lookup;
    Memoize memoize = ready.memoize();
    CacheActivities cache =
        Workflow.newActivityStub(
            CacheActivities.class,
            ctx.settings()
                .deleteOptions(
                    "memoize: look up key " + memoize.key() + " of cache " + memoize.cache()));
    CacheEntry entry;
    try {
      entry = cache.load(memoize.cache(), memoize.key());
    } catch (ActivityFailure failure) {
      return new Start.Failed(cause(failure));
    }
    return switch (Memoization.decide(entry, memoize.maxAge(), RunContext.now())) {
      case Decision.Hit hit -> new Start.Hit(ready.status(true), hit.outputs());
      case Decision.Miss miss -> new Start.Miss(ready.status(false), memoize);
    };
  }

  /**
   * Saves the outputs of node {@code nodeId}, which has just succeeded, under its key; returns
   * null, or Argo's message when the cache cannot be written.
   */
  static String save(RunContext ctx, MemoizationStatus status, String nodeId, NodeOutputs outputs) {
    CacheActivities cache =
        Workflow.newActivityStub(
            CacheActivities.class,
            ctx.settings()
                .deleteOptions(
                    "memoize: save key " + status.key() + " of cache " + status.cacheName()));
    try {
      cache.save(
          status.cacheName(), status.key(), CacheEntry.saved(nodeId, outputs, RunContext.now()));
      return null;
    } catch (ActivityFailure failure) {
      return "error creating cache entry: " + cause(failure);
    }
  }

  private static String cause(ActivityFailure failure) {
    return failure.getCause() == null ? failure.getMessage() : failure.getCause().getMessage();
  }
}
