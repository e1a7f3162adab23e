package dev.targo.worker.activity;

import dev.targo.api.Names;
import dev.targo.api.temporal.CronActivities;
import dev.targo.argo.plan.CronStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DeleteWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps a cron workflow's finished runs within Argo's {@code successfulJobsHistoryLimit} and {@code
 * failedJobsHistoryLimit} ({@code workflow/cron/operator.go} {@code enforceHistoryLimit}): the runs
 * are found by name ({@code <cron>-<unix seconds>}, workflow type ArgoWorkflow) in Temporal's
 * visibility, the newest kept, the others deleted with their history, as Argo deletes the Workflow
 * objects. A run that Succeeded counts as successful; one that Failed, Errored, was terminated or
 * timed out as failed. Counts each ended run for the {@code stopStrategy} ({@link CronRunCounter}).
 */
public final class CronActivitiesImpl implements CronActivities {
  private final WorkflowClient client;
  private final CronRunCounter counter;

  public CronActivitiesImpl(WorkflowClient client) {
    this.client = client;
    this.counter = new CronRunCounter(client);
  }

  @Override
  public CronStatus count(String scheduleId, String run, boolean succeeded) {
    try {
      return counter.count(scheduleId, run, succeeded);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw io.temporal.activity.Activity.wrap(e);
    }
  }

  @Override
  public List<String> prune(String cronName, int successfulLimit, int failedLimit) {
    List<WorkflowExecutionMetadata> succeeded = new ArrayList<>();
    List<WorkflowExecutionMetadata> failed = new ArrayList<>();
    // Visibility says which runs exist (an old run is always indexed); whether one has ended is
    // asked of the run itself, as visibility may still show a run that just ended as running.
    runs(cronName, null)
        .forEach(
            m -> {
              WorkflowExecutionStatus status = status(m.getExecution());
              if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
                succeeded.add(m);
              } else if (status != null
                  && status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
                failed.add(m);
              }
            });
    List<String> deleted = new ArrayList<>();
    deleteBeyond(succeeded, successfulLimit, deleted);
    deleteBeyond(failed, failedLimit, deleted);
    return deleted;
  }

  /** The run's status as Temporal has it now, or null when it is gone (deleted meanwhile). */
  private WorkflowExecutionStatus status(WorkflowExecution execution) {
    try {
      return client
          .getWorkflowServiceStubs()
          .blockingStub()
          .describeWorkflowExecution(
              DescribeWorkflowExecutionRequest.newBuilder()
                  .setNamespace(client.getOptions().getNamespace())
                  .setExecution(execution)
                  .build())
          .getWorkflowExecutionInfo()
          .getStatus();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  /**
   * Argo's {@code terminateOutstandingWorkflows}: each running run gets the {@code Terminate}
   * shutdown, as {@code targo terminate} sends it (its pods are deleted, it ends Failed).
   */
  @Override
  public List<String> terminateRunning(String cronName) {
    List<String> stopped = new ArrayList<>();
    runs(cronName, "ExecutionStatus = 'Running'")
        .forEach(
            m -> {
              String id = m.getExecution().getWorkflowId();
              try {
                client
                    .newUntypedWorkflowStub(id)
                    .signal(Names.SIGNAL_STOP, Names.STOP_STRATEGY_TERMINATE);
                stopped.add(id);
              } catch (WorkflowNotFoundException finishedMeanwhile) {
                // It ended between the listing and the signal: nothing to replace.
              }
            });
    return stopped;
  }

  /**
   * The runs of {@code cronName} ({@code <cron>-<unix seconds>}) that {@code condition} selects.
   */
  private java.util.stream.Stream<WorkflowExecutionMetadata> runs(
      String cronName, String condition) {
    Pattern run = Pattern.compile(Pattern.quote(cronName) + "-\\d+");
    String query =
        "WorkflowType = '"
            + Names.WORKFLOW_TYPE
            + "' AND WorkflowId STARTS_WITH '"
            + cronName.replace("'", "")
            + "-'"
            + (condition == null ? "" : " AND " + condition);
    return client
        .listExecutions(query)
        .filter(m -> run.matcher(m.getExecution().getWorkflowId()).matches());
  }

  private void deleteBeyond(List<WorkflowExecutionMetadata> runs, int limit, List<String> deleted) {
    runs.sort(Comparator.comparing(WorkflowExecutionMetadata::getStartTime).reversed());
    for (WorkflowExecutionMetadata m :
        runs.subList(Math.min(Math.max(limit, 0), runs.size()), runs.size())) {
      WorkflowExecution execution = m.getExecution();
      client
          .getWorkflowServiceStubs()
          .blockingStub()
          .deleteWorkflowExecution(
              DeleteWorkflowExecutionRequest.newBuilder()
                  .setNamespace(client.getOptions().getNamespace())
                  .setWorkflowExecution(execution)
                  .build());
      deleted.add(execution.getWorkflowId());
    }
  }
}
