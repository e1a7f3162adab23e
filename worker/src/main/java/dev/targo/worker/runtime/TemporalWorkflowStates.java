package dev.targo.worker.runtime;

import dev.targo.argo.pod.LeftoverPods;
import dev.targo.argo.pod.LeftoverPods.WorkflowState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;

/**
 * Looks workflows up by id with {@code DescribeWorkflowExecution} (the latest run of the id), for
 * the pod sweeper. Errors other than NOT_FOUND are thrown: the sweeper keeps the pods then.
 */
public final class TemporalWorkflowStates implements LeftoverPods.WorkflowStates {
  private final WorkflowServiceStubs service;
  private final String namespace;

  public TemporalWorkflowStates(WorkflowServiceStubs service, String namespace) {
    this.service = service;
    this.namespace = namespace;
  }

  @Override
  public WorkflowState of(String workflowId) {
    DescribeWorkflowExecutionRequest request =
        DescribeWorkflowExecutionRequest.newBuilder()
            .setNamespace(namespace)
            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
            .build();
    try {
      return switch (service
          .blockingStub()
          .describeWorkflowExecution(request)
          .getWorkflowExecutionInfo()
          .getStatus()) {
        case WORKFLOW_EXECUTION_STATUS_RUNNING -> WorkflowState.RUNNING;
        case WORKFLOW_EXECUTION_STATUS_COMPLETED -> WorkflowState.COMPLETED;
        case WORKFLOW_EXECUTION_STATUS_FAILED -> WorkflowState.FAILED;
        case WORKFLOW_EXECUTION_STATUS_CANCELED -> WorkflowState.CANCELED;
        case WORKFLOW_EXECUTION_STATUS_TERMINATED -> WorkflowState.TERMINATED;
        case WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW -> WorkflowState.CONTINUED_AS_NEW;
        case WORKFLOW_EXECUTION_STATUS_TIMED_OUT -> WorkflowState.TIMED_OUT;
        default -> WorkflowState.UNKNOWN;
      };
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return WorkflowState.NOT_FOUND;
      }
      throw e;
    }
  }
}
