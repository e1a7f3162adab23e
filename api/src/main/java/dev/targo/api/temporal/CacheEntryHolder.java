package dev.targo.api.temporal;

import dev.targo.api.Names;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The Temporal workflow that keeps one entry of a memoization cache. It does nothing but stay open:
 * the entry is its memo, its workflow id is the cache's name and the key ({@link
 * Names#CACHE_ENTRY_ID_PREFIX}); saving the key again terminates it and starts its replacement, and
 * deleting the entry terminates it.
 */
@WorkflowInterface
public interface CacheEntryHolder {

  /** Holds the entry until the workflow is terminated. */
  @WorkflowMethod(name = Names.CACHE_ENTRY_WORKFLOW_TYPE)
  void hold();
}
