package dev.targo.worker.activity;

import dev.targo.api.Names;
import dev.targo.api.temporal.LockActivities;
import dev.targo.api.temporal.LockRequest;
import dev.targo.api.temporal.LockState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The lock activities ({@link LockActivities}): signals to locks through the worker's client, and
 * semaphore limits from the ConfigMaps and database limits the worker was given ({@link
 * SemaphoreLimits}).
 */
public final class LockActivitiesImpl implements LockActivities {
  private final WorkflowClient client;
  private final String taskQueue;
  private final SemaphoreLimits limits;

  public LockActivitiesImpl(WorkflowClient client, String taskQueue, SemaphoreLimits limits) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.limits = limits;
  }

  @Override
  public void request(String key, LockRequest request) {
    client
        .newUntypedWorkflowStub(
            Names.LOCK_WORKFLOW_TYPE,
            WorkflowOptions.newBuilder()
                .setWorkflowId(Names.LOCK_WORKFLOW_ID_PREFIX + key)
                .setTaskQueue(taskQueue)
                .setStaticSummary("lock " + key)
                .build())
        .signalWithStart(
            Names.SIGNAL_LOCK_REQUEST,
            new Object[] {request},
            new Object[] {new LockState(key, request.limit(), List.of(), List.of())});
  }

  @Override
  public void release(String key, String holder) {
    try {
      client
          .newUntypedWorkflowStub(Names.LOCK_WORKFLOW_ID_PREFIX + key)
          .signal(Names.SIGNAL_LOCK_RELEASE, holder);
    } catch (WorkflowNotFoundException gone) {
      // The lock has ended: nobody holds it, this holder included.
    }
  }

  @Override
  public Integer semaphoreLimit(String namespace, String ref) {
    return limits.limit(namespace, ref);
  }

  @Override
  public List<String> closed(List<String> workflowIds) {
    List<String> closed = new ArrayList<>();
    for (String id : workflowIds) {
      try {
        WorkflowExecutionStatus status =
            client
                .getWorkflowServiceStubs()
                .blockingStub()
                .describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                        .build())
                .getWorkflowExecutionInfo()
                .getStatus();
        if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
          closed.add(id);
        }
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
          closed.add(id);
        } else {
          throw e;
        }
      }
    }
    return closed;
  }
}
