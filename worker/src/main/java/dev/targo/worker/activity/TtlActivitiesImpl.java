package dev.targo.worker.activity;

import dev.targo.api.temporal.TtlActivities;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DeleteWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;

/**
 * Deletes a finished workflow whose {@code ttlStrategy} has expired, with its history, as {@code
 * targo server}'s DELETE and Argo's garbage collector delete it. Its leftover pods, if any, go with
 * the worker's sweep of pods whose workflow is gone.
 */
public final class TtlActivitiesImpl implements TtlActivities {
  private final WorkflowClient client;

  public TtlActivitiesImpl(WorkflowClient client) {
    this.client = client;
  }

  @Override
  public boolean delete(String workflowId, String runId) {
    try {
      client
          .getWorkflowServiceStubs()
          .blockingStub()
          .deleteWorkflowExecution(
              DeleteWorkflowExecutionRequest.newBuilder()
                  .setNamespace(client.getOptions().getNamespace())
                  .setWorkflowExecution(
                      WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId))
                  .build());
      return true;
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
