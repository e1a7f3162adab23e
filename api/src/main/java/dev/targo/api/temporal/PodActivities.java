package dev.targo.api.temporal;

import dev.targo.api.Names;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/** Activities that run pods. */
@ActivityInterface
public interface PodActivities {

  /**
   * Runs one attempt as a pod and returns its outcome. Idempotent: a retried call adopts the
   * attempt's pod by its name rather than creating a second one. A non-zero exit is a value, not an
   * exception; exceptions are infrastructure faults only and are retried by Temporal.
   */
  @ActivityMethod(name = Names.ACTIVITY_RUN_POD)
  AttemptOutcome runAttempt(PodRequest request);

  /**
   * Deletes finished pods (DESIGN: pods are deleted by the workflow after their outcome is
   * recorded, never inside {@link #runAttempt}). Idempotent: a pod already gone is not an error.
   */
  @ActivityMethod(name = Names.ACTIVITY_DELETE_PODS)
  void deletePods(PodDeletion deletion);
}
