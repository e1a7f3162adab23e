package dev.targo.cli.client;

import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import dev.targo.api.temporal.CronRun;
import dev.targo.api.temporal.CronRunWorkflow;
import dev.targo.argo.plan.CronSpec;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleHandle;
import io.temporal.client.schedules.ScheduleListDescription;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleState;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Argo {@code CronWorkflow}s kept as Temporal Schedules, id {@code targo-cron:<ns>/<name>}, visible
 * on the Web UI's Schedules page. Each scheduled time starts a {@link CronRunWorkflow}, which
 * starts the run's workflow {@code <name>-<unix seconds>}. Argo's fields map to the schedule:
 * {@code schedules} and {@code timezone} to its spec; {@code concurrencyPolicy} to its overlap
 * policy ({@code Forbid}: skip; {@code Allow} and {@code Replace}: allow all, the new run stopping
 * the open ones under {@code Replace}); {@code startingDeadlineSeconds} to its catch-up window
 * (Temporal's shortest is 10 s); {@code suspend} to its paused state. The CronWorkflow's text is
 * the schedule's memo.
 */
public final class CronSchedules {
  /** Memo key of the CronWorkflow's text on its schedule. */
  static final String MEMO_CRON_YAML = "argo.cronWorkflow";

  /** Temporal's shortest catch-up window. */
  static final Duration SHORTEST_CATCHUP = Duration.ofSeconds(10);

  private final ScheduleClient client;
  private final String taskQueue;

  public CronSchedules(WorkflowServiceStubs service, String namespace, String taskQueue) {
    this.client =
        ScheduleClient.newInstance(
            service,
            ScheduleClientOptions.newBuilder()
                .setNamespace(namespace)
                .setDataConverter(PayloadJson.dataConverter())
                .build());
    this.taskQueue = taskQueue;
  }

  /** The schedule id of cron workflow {@code name} in {@code namespace}. */
  public static String id(String namespace, String name) {
    return Names.CRON_SCHEDULE_ID_PREFIX + namespace + "/" + name;
  }

  /**
   * Creates the schedule of {@code run}; false when one of that name exists already (nothing is
   * changed then).
   */
  public boolean create(String namespace, CronRun run, String cronYaml) {
    CronSpec cron = run.cron();
    String id = id(namespace, cron.name());
    ScheduleSpec.Builder spec = ScheduleSpec.newBuilder().setCronExpressions(cron.schedules());
    if (cron.timezone() != null) {
      spec.setTimeZoneName(cron.timezone());
    }
    SchedulePolicy.Builder policy =
        SchedulePolicy.newBuilder().setOverlap(overlap(cron.concurrencyPolicy()));
    if (cron.startingDeadlineSeconds() != null) {
      Duration window = Duration.ofSeconds(cron.startingDeadlineSeconds());
      policy.setCatchupWindow(window.compareTo(SHORTEST_CATCHUP) < 0 ? SHORTEST_CATCHUP : window);
    }
    Schedule schedule =
        Schedule.newBuilder()
            .setAction(
                ScheduleActionStartWorkflow.newBuilder()
                    .setWorkflowType(CronRunWorkflow.class)
                    .setArguments(run)
                    .setOptions(
                        WorkflowOptions.newBuilder()
                            .setWorkflowId(id)
                            .setTaskQueue(taskQueue)
                            .setStaticSummary("cron workflow " + cron.name())
                            // Details are always set: the SDK reads an absent one back as an
                            // empty payload, which no JSON converter can decode.
                            .setStaticDetails(
                                "schedules: "
                                    + String.join(", ", cron.schedules())
                                    + (cron.timezone() == null ? "" : " (" + cron.timezone() + ")")
                                    + ", concurrencyPolicy: "
                                    + cron.concurrencyPolicy())
                            .build())
                    .build())
            .setSpec(spec.build())
            .setPolicy(policy.build())
            .setState(
                ScheduleState.newBuilder()
                    .setPaused(cron.suspend())
                    .setNote(cron.suspend() ? "suspend: true" : "")
                    .build())
            .build();
    try {
      client.createSchedule(
          id,
          schedule,
          ScheduleOptions.newBuilder().setMemo(Map.of(MEMO_CRON_YAML, cronYaml)).build());
      return true;
    } catch (ScheduleAlreadyRunningException e) {
      return false;
    }
  }

  static ScheduleOverlapPolicy overlap(String concurrencyPolicy) {
    return switch (concurrencyPolicy) {
      case "Forbid" -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP;
      // Replace: the new run's ArgoCronRun stops the open runs (Argo's Terminate) itself.
      default -> ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_ALLOW_ALL;
    };
  }

  /** The schedule of cron workflow {@code name}, described; empty when there is none. */
  public Optional<ScheduleDescription> describe(String namespace, String name) {
    try {
      return Optional.of(client.getHandle(id(namespace, name)).describe());
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof io.grpc.StatusRuntimeException s
            && s.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
          return Optional.empty();
        }
      }
      throw e;
    }
  }

  /** The handle of an existing schedule (see {@link #describe} to check it exists). */
  public ScheduleHandle handle(String namespace, String name) {
    return client.getHandle(id(namespace, name));
  }

  /** The cron workflows of {@code namespace}, or of every namespace when null, by schedule id. */
  public List<ScheduleListDescription> list(String namespace) {
    String prefix = namespace == null ? Names.CRON_SCHEDULE_ID_PREFIX : id(namespace, "");
    return client
        .listSchedules()
        .filter(s -> s.getScheduleId().startsWith(prefix))
        .sorted(java.util.Comparator.comparing(ScheduleListDescription::getScheduleId))
        .toList();
  }

  /** The CronWorkflow text a schedule keeps, or null. */
  public static String yaml(ScheduleDescription description) {
    return (String) description.getMemo(MEMO_CRON_YAML, String.class);
  }

  /** The {@link CronRun} a schedule starts. */
  public static CronRun run(ScheduleDescription description) {
    ScheduleActionStartWorkflow action =
        (ScheduleActionStartWorkflow) description.getSchedule().getAction();
    return action.getArguments().get(0, CronRun.class);
  }
}
