package dev.targo.api.temporal;

import dev.targo.api.Names;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** What workflows need from outside to take part in a lock ({@link LockWorkflow}). */
@ActivityInterface
public interface LockActivities {

  /** Signals {@code request} to the lock {@code key}, starting the lock when it is not running. */
  @ActivityMethod(name = Names.ACTIVITY_LOCK_REQUEST)
  void request(String key, LockRequest request);

  /** Signals the release of {@code holder} to the lock {@code key}, if the lock is running. */
  @ActivityMethod(name = Names.ACTIVITY_LOCK_RELEASE)
  void release(String key, String holder);

  /**
   * The limit of a semaphore ({@code <configmap>/<key>} in {@code namespace}, or {@code
   * database/<key>}), or null when it is not configured.
   */
  @ActivityMethod(name = Names.ACTIVITY_SEMAPHORE_LIMIT)
  Integer semaphoreLimit(String namespace, String ref);

  /** Which of {@code workflowIds} are no longer running (completed, failed, terminated, gone). */
  @ActivityMethod(name = Names.ACTIVITY_CLOSED_WORKFLOWS)
  List<String> closed(List<String> workflowIds);
}
