package dev.targo.api.temporal;

import dev.targo.api.Names;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One run of a {@code CronWorkflow}, started by its Temporal Schedule: starts the workflow {@code
 * <name>-<unix seconds of the scheduled time>} (Argo's {@code getChildWorkflowName}) and waits for
 * its end.
 */
@WorkflowInterface
public interface CronRunWorkflow {

  /**
   * Starts the run's workflow, waits for it, and returns its name (the name it would have had when
   * the cron workflow's {@code when} skipped it).
   */
  @WorkflowMethod(name = Names.CRON_RUN_WORKFLOW_TYPE)
  String run(CronRun run);
}
