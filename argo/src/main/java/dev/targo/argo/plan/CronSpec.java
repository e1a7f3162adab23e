package dev.targo.argo.plan;

import java.util.List;

/**
 * Argo {@code CronWorkflow.spec} without its {@code workflowSpec} (which becomes a {@link
 * WorkflowPlan}): when and how the workflow is started, as targo's Temporal Schedule carries it
 * out.
 *
 * @param name {@code metadata.name}; each run is the workflow {@code <name>-<unix seconds>} of its
 *     scheduled time, as Argo names them
 * @param namespace {@code metadata.namespace}, or null
 * @param schedules {@code schedules} (or the older {@code schedule}): standard cron expressions
 * @param timezone {@code timezone} (an IANA name), or null for the server's (UTC)
 * @param concurrencyPolicy {@code Allow} (default), {@code Forbid} or {@code Replace}
 * @param startingDeadlineSeconds {@code startingDeadlineSeconds}: how late a missed run may still
 *     start, or null
 * @param successfulJobsHistoryLimit {@code successfulJobsHistoryLimit} (default 3)
 * @param failedJobsHistoryLimit {@code failedJobsHistoryLimit} (default 1)
 * @param suspend {@code suspend}: no run starts while it is true
 * @param stopStrategy {@code stopStrategy.expression}: no run starts once it holds over the
 *     counters of ended runs ({@link CronStatus}), or null
 * @param when {@code when}: the run of a scheduled time starts only when it holds, or null
 */
public record CronSpec(
    String name,
    String namespace,
    List<String> schedules,
    String timezone,
    String concurrencyPolicy,
    Long startingDeadlineSeconds,
    int successfulJobsHistoryLimit,
    int failedJobsHistoryLimit,
    boolean suspend,
    String stopStrategy,
    String when) {
  public CronSpec {
    schedules = schedules == null ? List.of() : List.copyOf(schedules);
    concurrencyPolicy = concurrencyPolicy == null ? "Allow" : concurrencyPolicy;
  }
}
