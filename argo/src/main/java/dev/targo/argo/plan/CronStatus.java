package dev.targo.argo.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Argo {@code CronWorkflow.status}'s counters ({@code succeeded}, {@code failed}) and {@code
 * phase}, as targo keeps them with the cron workflow's Temporal Schedule: each run ends by counting
 * itself once ({@link #count}).
 *
 * @param succeeded runs that ended Succeeded ({@code cronworkflow.succeeded})
 * @param failed runs that ended Failed or Error ({@code cronworkflow.failed})
 * @param stopped true once {@code stopStrategy.expression} held (Argo's phase {@code Stopped})
 * @param counted the names of the latest runs counted, newest last, at most {@link #KEPT}: a run
 *     already among them is not counted again (a count retried after its first attempt was applied)
 */
public record CronStatus(long succeeded, long failed, boolean stopped, List<String> counted) {
  /**
   * How many run names are kept to make counting idempotent. A retried count comes seconds after
   * its first attempt; for it to count twice, this many other runs would have to end in between.
   */
  public static final int KEPT = 100;

  /** The status of a cron workflow no run of which has ended yet. */
  public static final CronStatus NONE = new CronStatus(0, 0, false, List.of());

  public CronStatus {
    counted = counted == null ? List.of() : List.copyOf(counted);
  }

  /** Whether run {@code run} has been counted already. */
  public boolean hasCounted(String run) {
    return counted.contains(run);
  }

  /**
   * This status with run {@code run} counted as succeeded or failed (Argo's {@code
   * updateWfPhaseCounter}); unchanged when it was counted already.
   */
  public CronStatus count(String run, boolean runSucceeded) {
    if (hasCounted(run)) {
      return this;
    }
    List<String> names = new ArrayList<>(counted);
    names.add(run);
    if (names.size() > KEPT) {
      names = names.subList(names.size() - KEPT, names.size());
    }
    return new CronStatus(
        succeeded + (runSucceeded ? 1 : 0), failed + (runSucceeded ? 0 : 1), stopped, names);
  }

  /** This status with Argo's phase {@code Stopped}. */
  public CronStatus stop() {
    return new CronStatus(succeeded, failed, true, counted);
  }
}
