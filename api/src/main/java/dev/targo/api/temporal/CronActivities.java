package dev.targo.api.temporal;

import dev.targo.api.Names;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** What a {@link CronRunWorkflow} needs from outside: keeping the runs within Argo's limits. */
@ActivityInterface
public interface CronActivities {

  /**
   * Deletes the finished runs of cron workflow {@code cronName} beyond the newest {@code
   * successfulLimit} that succeeded and the newest {@code failedLimit} that did not (Argo's {@code
   * successfulJobsHistoryLimit} and {@code failedJobsHistoryLimit}); returns the deleted names.
   */
  @ActivityMethod(name = Names.ACTIVITY_PRUNE_CRON_RUNS)
  List<String> prune(String cronName, int successfulLimit, int failedLimit);

  /**
   * Terminates the runs of cron workflow {@code cronName} still running, with Argo's {@code
   * Terminate} shutdown (concurrency policy {@code Replace}); returns their names.
   */
  @ActivityMethod(name = Names.ACTIVITY_TERMINATE_CRON_RUNS)
  List<String> terminateRunning(String cronName);
}
