package dev.targo.api.temporal;

import dev.targo.api.Names;
import dev.targo.argo.plan.CronStatus;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * What a {@link CronRunWorkflow} needs from outside: keeping the runs within Argo's limits and
 * counting them for its {@code stopStrategy}.
 */
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

  /**
   * Counts run {@code run} of the schedule {@code scheduleId} as succeeded or failed in the status
   * its action carries (Argo's {@code updateWfPhaseCounter}), once: a run counted already changes
   * nothing. When the cron workflow's {@code stopStrategy.expression} then holds, the schedule is
   * paused in the same update with a note saying why (Argo's phase {@code Stopped}). Returns the
   * status after the count.
   */
  @ActivityMethod(name = Names.ACTIVITY_COUNT_CRON_RUN)
  CronStatus count(String scheduleId, String run, boolean succeeded);
}
