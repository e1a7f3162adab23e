package dev.targo.api.temporal;

import dev.targo.argo.plan.CronSpec;
import dev.targo.argo.plan.CronStatus;
import dev.targo.argo.plan.WorkflowPlan;
import java.util.Map;

/**
 * What a {@code CronWorkflow}'s Temporal Schedule starts at each scheduled time ({@link
 * CronRunWorkflow}).
 *
 * @param cron the cron workflow's schedule fields; its name names the runs
 * @param namespace the Kubernetes namespace the runs' pods go to, or null for the worker's
 * @param plan the workflow each run starts
 * @param parameters {@code -p} values given when the cron workflow was created
 * @param yaml the runs' workflow document (a {@code Workflow} with the cron workflow's {@code
 *     workflowSpec}), kept in each run's memo as a submitted workflow's YAML is
 * @param searchAttributes true when runs are started with targo's search attributes (the Temporal
 *     namespace has them registered)
 * @param status Argo's {@code status.succeeded}, {@code .failed} and {@code .phase}: each run
 *     counts itself once it has ended, by updating this field of its schedule's action, so a run
 *     starts with the counts of the runs ended before it
 */
public record CronRun(
    CronSpec cron,
    String namespace,
    WorkflowPlan plan,
    Map<String, String> parameters,
    String yaml,
    boolean searchAttributes,
    CronStatus status) {
  public CronRun {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    // A schedule created before the counters starts runs without them.
    status = status == null ? CronStatus.NONE : status;
  }
}
