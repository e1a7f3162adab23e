package dev.targo.cli.logs;

import dev.targo.cli.connect.WorkerIdentity;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import java.util.Optional;

/**
 * Finds which executor ran a workflow's pods: the identity of the worker that took its first
 * workflow task names it ({@link WorkerIdentity}). One short history page of the current run.
 */
public final class ExecutorProbe {
  private ExecutorProbe() {}

  /** Events read: the first workflow task is started by the third event of a run. */
  private static final int PAGE = 10;

  /** {@code local} or {@code kubernetes}; empty when no targo worker has said so yet. */
  public static Optional<String> executor(WorkflowClient client, String workflowId) {
    var history =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                    .setMaximumPageSize(PAGE)
                    .build())
            .getHistory();
    for (HistoryEvent event : history.getEventsList()) {
      if (event.hasWorkflowTaskStartedEventAttributes()) {
        return WorkerIdentity.executor(event.getWorkflowTaskStartedEventAttributes().getIdentity());
      }
    }
    return Optional.empty();
  }
}
