package dev.targo.api.temporal;

import dev.targo.api.Names;
import dev.targo.argo.memo.CacheEntry;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * What a memoized node needs from outside: the entry saved under its key, and saving its own
 * (docs/DESIGN.md §20). The store is Temporal itself, shared by every worker and run of the
 * namespace; the workflow records what a lookup found in its history, so a replay decides as the
 * run did.
 */
@ActivityInterface
public interface CacheActivities {

  /** The entry of cache {@code cache} under {@code key}, or null when there is none. */
  @ActivityMethod(name = Names.ACTIVITY_LOAD_CACHE_ENTRY)
  CacheEntry load(String cache, String key);

  /** Saves {@code entry} under {@code key} of cache {@code cache}, replacing any entry there. */
  @ActivityMethod(name = Names.ACTIVITY_SAVE_CACHE_ENTRY)
  void save(String cache, String key, CacheEntry entry);
}
