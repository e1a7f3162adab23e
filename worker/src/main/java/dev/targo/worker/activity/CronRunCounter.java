package dev.targo.worker.activity;

import dev.targo.api.temporal.CronRun;
import dev.targo.argo.CronStopStrategy;
import dev.targo.argo.expr.ExprException;
import dev.targo.argo.plan.CronStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.schedule.v1.Schedule;
import io.temporal.api.workflowservice.v1.DescribeScheduleRequest;
import io.temporal.api.workflowservice.v1.DescribeScheduleResponse;
import io.temporal.api.workflowservice.v1.UpdateScheduleRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Argo's {@code status.succeeded}/{@code status.failed} of a CronWorkflow, kept in the {@link
 * CronRun} its Temporal Schedule starts each run with: a run that has ended reads the schedule,
 * counts itself ({@link CronStatus#count}, a no-op for a run counted already, so a retried count
 * counts once) and writes it back with the conflict token it read. Temporal's scheduler drops,
 * without an error, an update whose token another change made stale (two runs ending together, a
 * {@code cron suspend}), so the count reads the schedule again until its run is there, and fails
 * the attempt (to be retried: it counts again) when it is not. Once {@code stopStrategy.expression}
 * holds, the same update pauses the schedule with a note saying why: no run starts after it, as
 * Argo's phase {@code Stopped} starts none.
 *
 * <p>The action's input, rather than the schedule's memo, holds the counters because Temporal's
 * schedule update cannot change a memo on every server, and rather than visibility because the
 * history limits delete the runs it would count.
 */
final class CronRunCounter {
  private static final Logger LOG = LoggerFactory.getLogger(CronRunCounter.class);

  /** How often, and how long apart, the schedule is read again to see an update applied. */
  private static final int CHECKS = 10;

  private static final Duration CHECK_INTERVAL = Duration.ofMillis(200);

  private final WorkflowClient client;

  CronRunCounter(WorkflowClient client) {
    this.client = client;
  }

  CronStatus count(String scheduleId, String run, boolean succeeded) throws InterruptedException {
    DescribeScheduleResponse described = describe(scheduleId);
    if (described == null) {
      // The cron workflow was deleted while the run went on: there is nothing left to count in.
      LOG.info("cron workflow {} is gone; run {} is not counted", scheduleId, run);
      return CronStatus.NONE;
    }
    CronRun action = action(described);
    if (action.status().hasCounted(run)) {
      return action.status();
    }
    update(scheduleId, described, action, run, succeeded);
    // The scheduler applies an update after it answers; a stale token drops it silently.
    for (int i = 0; i < CHECKS; i++) {
      DescribeScheduleResponse after = describe(scheduleId);
      if (after == null) {
        return CronStatus.NONE;
      }
      CronStatus status = action(after).status();
      if (status.hasCounted(run)) {
        return status;
      }
      Thread.sleep(CHECK_INTERVAL.toMillis());
    }
    throw new IllegalStateException(
        "the count of run "
            + run
            + " was not applied to schedule "
            + scheduleId
            + " (it changed meanwhile); counting again");
  }

  /** The schedule described, or null when it is gone. */
  private DescribeScheduleResponse describe(String scheduleId) {
    try {
      return client
          .getWorkflowServiceStubs()
          .blockingStub()
          .describeSchedule(
              DescribeScheduleRequest.newBuilder()
                  .setNamespace(client.getOptions().getNamespace())
                  .setScheduleId(scheduleId)
                  .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  private CronRun action(DescribeScheduleResponse described) {
    return client
        .getOptions()
        .getDataConverter()
        .fromPayloads(
            0,
            Optional.of(described.getSchedule().getAction().getStartWorkflow().getInput()),
            CronRun.class,
            CronRun.class);
  }

  /**
   * Writes {@code action} back with {@code run} counted, and the schedule paused when the stop
   * strategy then holds, with the conflict token of {@code described}.
   */
  private void update(
      String scheduleId,
      DescribeScheduleResponse described,
      CronRun action,
      String run,
      boolean succeeded) {
    Schedule schedule = described.getSchedule();
    DataConverter converter = client.getOptions().getDataConverter();
    CronStatus status = action.status().count(run, succeeded);
    boolean stop = !status.stopped() && holds(action, status);
    if (stop) {
      status = status.stop();
    }
    Schedule.Builder next = schedule.toBuilder();
    next.getActionBuilder()
        .getStartWorkflowBuilder()
        .setInput(converter.toPayloads(withStatus(action, status)).orElseThrow());
    if (stop) {
      next.getStateBuilder().setPaused(true).setNotes(note(action, status));
    }
    client
        .getWorkflowServiceStubs()
        .blockingStub()
        .updateSchedule(
            UpdateScheduleRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setScheduleId(scheduleId)
                .setSchedule(next)
                .setConflictToken(described.getConflictToken())
                .setIdentity(client.getOptions().getIdentity())
                .setRequestId(UUID.randomUUID().toString())
                .build());
  }

  /**
   * Argo reports an expression that fails to evaluate as a condition and keeps scheduling; so does
   * targo, in the worker's log (lint refuses most such expressions before the schedule exists).
   */
  private static boolean holds(CronRun action, CronStatus status) {
    try {
      return CronStopStrategy.holds(action.cron(), status);
    } catch (ExprException e) {
      LOG.warn(
          "failed to check CronWorkflow '{}' stopping condition: {}",
          action.cron().name(),
          e.argoText());
      return false;
    }
  }

  /** The schedule's note once it stopped: the expression and the counts that made it hold. */
  static String note(CronRun action, CronStatus status) {
    return "stopStrategy: "
        + action.cron().stopStrategy()
        + " (succeeded "
        + status.succeeded()
        + ", failed "
        + status.failed()
        + ")";
  }

  private static CronRun withStatus(CronRun run, CronStatus status) {
    return new CronRun(
        run.cron(),
        run.namespace(),
        run.plan(),
        run.parameters(),
        run.yaml(),
        run.searchAttributes(),
        status);
  }
}
