package dev.targo.worker.workflow;

import dev.targo.api.Names;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.CronActivities;
import dev.targo.api.temporal.CronRun;
import dev.targo.api.temporal.CronRunWorkflow;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.CronWhen;
import dev.targo.argo.TemplatingException;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.when.WhenException;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * One run of a {@code CronWorkflow} ({@link CronRunWorkflow}): the workflow {@code <name>-<unix
 * seconds>} of its scheduled time (Argo's {@code getChildWorkflowName}), with Argo's annotation
 * {@code workflows.argoproj.io/scheduled-time} (RFC 3339 in the cron workflow's time zone, {@code
 * {{workflow.scheduledTime}}}), started as a child and waited for, then Argo's history limits kept.
 * Waiting lets the schedule's overlap policy skip a time while a run is open ({@code Forbid});
 * under {@code Replace} the runs still open get Argo's {@code Terminate} shutdown first. The ended
 * run is counted in its schedule's status for the {@code stopStrategy}; a time whose {@code when}
 * is false starts nothing.
 */
public final class CronRunWorkflowImpl implements CronRunWorkflow {
  private final WorkerSettings settings;

  public CronRunWorkflowImpl(WorkerSettings settings) {
    this.settings = settings;
  }

  /** Set by Temporal on a workflow a schedule started: the time it was scheduled for. */
  static final SearchAttributeKey<OffsetDateTime> SCHEDULED_START_TIME =
      SearchAttributeKey.forOffsetDateTime("TemporalScheduledStartTime");

  /** Set by Temporal on a workflow a schedule started: the schedule's id. */
  static final SearchAttributeKey<String> SCHEDULED_BY_ID =
      SearchAttributeKey.forKeyword("TemporalScheduledById");

  private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  @Override
  public String run(CronRun run) {
    OffsetDateTime scheduled = Workflow.getTypedSearchAttributes().get(SCHEDULED_START_TIME);
    // Triggered by hand (`temporal schedule trigger`): now, as Argo names a manual run.
    Instant at =
        (scheduled != null ? scheduled.toInstant() : RunContext.now())
            .truncatedTo(ChronoUnit.SECONDS);
    String name = run.cron().name() + "-" + at.getEpochSecond();
    if (!shouldRun(run, name)) {
      return name;
    }
    ZoneId zone = run.cron().timezone() == null ? ZoneOffset.UTC : ZoneId.of(run.cron().timezone());
    WorkflowPlan plan =
        run.plan()
            .withAnnotation(
                WorkflowVariables.SCHEDULED_TIME_ANNOTATION, RFC3339.format(at.atZone(zone)));
    ChildWorkflowOptions.Builder options =
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(name)
            .setTaskQueue(Workflow.getInfo().getTaskQueue())
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            // The run is its own workflow: ending this one (a schedule deleted) does not end it.
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .setMemo(Map.of(Names.MEMO_YAML, run.yaml()))
            .setStaticSummary(
                "cron workflow "
                    + run.cron().name()
                    + " · scheduled "
                    + RFC3339.format(at.atZone(zone)));
    if (run.searchAttributes()) {
      SearchAttributes.Builder attributes =
          SearchAttributes.newBuilder()
              .set(SearchAttributeUpdates.TEMPLATE, plan.entrypoint())
              .set(SearchAttributeUpdates.PHASE, "Pending")
              .set(SearchAttributeUpdates.ATTEMPTS, 0L);
      if (run.namespace() != null) {
        attributes.set(SearchAttributeUpdates.NAMESPACE, run.namespace());
      }
      options.setTypedSearchAttributes(attributes.build());
    }
    CronActivities cron =
        Workflow.newActivityStub(
            CronActivities.class,
            settings.deleteOptions("runs of cron workflow " + run.cron().name()));
    if ("Replace".equals(run.cron().concurrencyPolicy())) {
      // Argo's terminateOutstandingWorkflows, before the new run starts.
      cron.terminateRunning(run.cron().name());
    }
    ArgoWorkflow workflow = Workflow.newChildWorkflowStub(ArgoWorkflow.class, options.build());
    boolean succeeded = true;
    try {
      workflow.run(new WorkflowRun(name, run.namespace(), plan, run.parameters(), null));
    } catch (ChildWorkflowFailure failed) {
      // The run Failed or Errored in Argo's terms: its own workflow says so; this one only ran it.
      succeeded = false;
      Workflow.getLogger(CronRunWorkflowImpl.class)
          .info("cron run {} ended: {}", name, failed.getMessage());
    }
    count(cron, name, succeeded);
    // Argo's enforceHistoryLimit, once the run has ended; a failure leaves old runs behind.
    try {
      cron.prune(
          run.cron().name(),
          run.cron().successfulJobsHistoryLimit(),
          run.cron().failedJobsHistoryLimit());
    } catch (ActivityFailure failure) {
      Workflow.getLogger(CronRunWorkflowImpl.class)
          .warn("could not delete old runs of {}: {}", run.cron().name(), failure.getMessage());
    }
    return name;
  }

  /**
   * Argo's {@code evalWhen}: the cron workflow's {@code when} over the counts this run was started
   * with; false, or a condition that cannot be evaluated (Argo reports it as the cron workflow's
   * condition), skips the time. Only a cron workflow created with a {@code when} (a field runs
   * recorded before it lack) can skip, so recorded runs replay unchanged.
   */
  private static boolean shouldRun(CronRun run, String name) {
    try {
      if (CronWhen.shouldRun(run.cron(), run.status())) {
        return true;
      }
      Workflow.getLogger(CronRunWorkflowImpl.class)
          .info("cron run {} skipped: when '{}' is false", name, run.cron().when());
    } catch (WhenException | TemplatingException e) {
      Workflow.getLogger(CronRunWorkflowImpl.class)
          .warn("cron run {} skipped: failed to evaluate when: {}", name, e.getMessage());
    }
    return false;
  }

  /**
   * Argo's {@code updateWfPhaseCounter} and {@code checkStopingCondition}: the ended run counted in
   * its schedule's status, which pauses the schedule once the {@code stopStrategy} holds. A run not
   * started by a schedule (none to count in) or one recorded before the counters counts nothing.
   */
  private static void count(CronActivities cron, String name, boolean succeeded) {
    String schedule = Workflow.getTypedSearchAttributes().get(SCHEDULED_BY_ID);
    if (schedule == null || !ChangeIds.isOn(ChangeIds.CRON_RUN_COUNTS)) {
      return;
    }
    try {
      cron.count(schedule, name, succeeded);
    } catch (ActivityFailure failure) {
      Workflow.getLogger(CronRunWorkflowImpl.class)
          .warn("could not count cron run {}: {}", name, failure.getMessage());
    }
  }
}
