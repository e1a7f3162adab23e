package dev.targo.api.temporal;

import dev.targo.api.Names;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** What a {@link WorkflowTtl} needs from outside: the deletion itself. */
@ActivityInterface
public interface TtlActivities {

  /**
   * Deletes run {@code runId} of workflow {@code workflowId} and its history; true when it did,
   * false when it was gone already (deleted by hand, or past its namespace's retention).
   */
  @ActivityMethod(name = Names.ACTIVITY_DELETE_EXPIRED_WORKFLOW)
  boolean delete(String workflowId, String runId);
}
