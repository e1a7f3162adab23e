package dev.targo.cli.run;

import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import dev.targo.api.status.NodePhase;
import dev.targo.api.status.WorkflowStatus;
import dev.targo.api.temporal.PodProgress;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.converter.DataConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Follows a workflow until it ends: polls its {@code status} query, merges the live pod progress of
 * its running activities, and hands each new status to a listener.
 */
public final class Watcher {

  /** Receives every status seen, the last one with {@code finished} true. */
  @FunctionalInterface
  public interface Listener {
    void update(WorkflowStatus status, boolean finished);
  }

  private final WorkflowClient client;
  private final DataConverter converter = PayloadJson.dataConverter();

  public Watcher(WorkflowClient client) {
    this.client = client;
  }

  /** Blocks until the workflow {@code name} has ended and returns its final status. */
  public WorkflowStatus watch(String name, Duration interval, Listener listener)
      throws InterruptedException {
    WorkflowStub stub = client.newUntypedWorkflowStub(name);
    while (true) {
      DescribeWorkflowExecutionResponse described = describe(name);
      WorkflowExecutionStatus state = described.getWorkflowExecutionInfo().getStatus();
      if (state != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        WorkflowStatus last = result(stub);
        listener.update(last, true);
        return last;
      }
      WorkflowStatus status = query(stub);
      if (status != null) {
        listener.update(LiveStatus.merge(status, progress(described)), false);
      }
      Thread.sleep(interval.toMillis());
    }
  }

  private DescribeWorkflowExecutionResponse describe(String name) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(name))
                .build());
  }

  private static WorkflowStatus query(WorkflowStub stub) {
    try {
      return stub.query(Names.QUERY_STATUS, WorkflowStatus.class);
    } catch (RuntimeException e) {
      // The run may be between continue-as-new runs or not yet picked up by a worker.
      return null;
    }
  }

  private static WorkflowStatus result(WorkflowStub stub) {
    try {
      return stub.getResult(WorkflowStatus.class);
    } catch (WorkflowFailedException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      return new WorkflowStatus(
          NodePhase.Error, cause.getMessage(), null, null, null, java.util.Map.of());
    }
  }

  private List<PodProgress> progress(DescribeWorkflowExecutionResponse described) {
    List<PodProgress> out = new ArrayList<>();
    for (PendingActivityInfo activity : described.getPendingActivitiesList()) {
      if (activity.hasHeartbeatDetails()) {
        try {
          out.add(
              converter.fromPayloads(
                  0,
                  Optional.of(activity.getHeartbeatDetails()),
                  PodProgress.class,
                  PodProgress.class));
        } catch (RuntimeException e) {
          // Details written by another version: show the workflow's own view instead.
        }
      }
    }
    return out;
  }
}
