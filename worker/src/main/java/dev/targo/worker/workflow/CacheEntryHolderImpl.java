package dev.targo.worker.workflow;

import dev.targo.api.temporal.CacheEntryHolder;
import io.temporal.workflow.Workflow;

/**
 * Holds one entry of a memoization cache: waits for ever (no timer, so its history stays at its
 * first workflow task) until the entry is saved again or deleted, which terminates it.
 */
public final class CacheEntryHolderImpl implements CacheEntryHolder {

  @Override
  public void hold() {
    Workflow.await(() -> false);
  }
}
