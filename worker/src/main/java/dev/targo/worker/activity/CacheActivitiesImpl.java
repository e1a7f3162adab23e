package dev.targo.worker.activity;

import dev.targo.api.temporal.CacheActivities;
import dev.targo.argo.memo.CacheEntry;

/** The memoization cache activities ({@link CacheActivities}), on the {@link CacheStore}. */
public final class CacheActivitiesImpl implements CacheActivities {
  private final CacheStore store;

  public CacheActivitiesImpl(CacheStore store) {
    this.store = store;
  }

  @Override
  public CacheEntry load(String cache, String key) {
    return store.load(cache, key);
  }

  @Override
  public void save(String cache, String key, CacheEntry entry) {
    store.save(cache, key, entry);
  }
}
