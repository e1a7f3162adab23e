package dev.targo.api.temporal;

import dev.targo.api.Names;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Argo's {@code ttlStrategy} on Temporal: waits, on a durable timer, until a finished workflow's
 * time to live has passed, then deletes it with its history, as Argo's garbage collector deletes
 * the {@code Workflow}. Started by the workflow itself as it ends, and left running past its end.
 */
@WorkflowInterface
public interface WorkflowTtl {

  /**
   * Deletes run {@code runId} of workflow {@code workflowId} {@code seconds} after its end ({@code
   * finishedAt}, epoch milliseconds); returns true when it deleted it, false when it was gone.
   */
  @WorkflowMethod(name = Names.TTL_WORKFLOW_TYPE)
  boolean expire(String workflowId, String runId, long finishedAtMillis, long seconds);
}
