package dev.targo.cli.client;

import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.cli.ExitCodes;
import dev.targo.cli.UserError;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one workflow for {@code get}, {@code watch} and {@code logs}: its start input (the plan)
 * from the first history event of the current run, its memo, and its status — the {@code status}
 * query while it runs (merged with the heartbeats of running pods), its result once it has ended.
 */
public final class RunRecords {

  private final WorkflowClient client;
  private final DataConverter converter = PayloadJson.dataConverter();

  private final LiveTree live;

  public RunRecords(WorkflowClient client) {
    this.client = client;
    this.live = new LiveTree(client);
  }

  /** The workflow {@code name}; a {@link UserError} (exit 2) when there is none. */
  public RunRecord read(String name) {
    DescribeWorkflowExecutionResponse described = describe(name);
    WorkflowExecutionInfo info = described.getWorkflowExecutionInfo();
    if (!Names.WORKFLOW_TYPE.equals(info.getType().getName())) {
      throw new UserError(
          ExitCodes.BAD_INPUT,
          name + " is a " + info.getType().getName() + " workflow, not a targo workflow");
    }
    WorkflowRun run = input(info.getExecution());
    boolean running = info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    WorkflowStatus status = running ? live(name, described) : live.finalStatus(name);
    Instant created =
        Instant.ofEpochSecond(info.getStartTime().getSeconds(), info.getStartTime().getNanos());
    if (status.startedAt() != null && status.startedAt().isBefore(created)) {
      created = status.startedAt();
    }
    return new RunRecord(
        name, namespace(run, info), run.plan(), memoYaml(info), created, running, status);
  }

  /**
   * The namespace the workflow's pods run in: the one it names, else the one its worker chose (in
   * the memo once the worker has started it), else the executors' usual default.
   */
  private String namespace(WorkflowRun run, WorkflowExecutionInfo info) {
    if (run.namespace() != null) {
      return run.namespace();
    }
    if (run.plan().namespace() != null) {
      return run.plan().namespace();
    }
    Payload chosen = info.getMemo().getFieldsMap().get(Names.MEMO_NAMESPACE);
    return chosen != null
        ? converter.fromPayload(chosen, String.class, String.class)
        : Names.DEFAULT_NAMESPACE;
  }

  private DescribeWorkflowExecutionResponse describe(String name) {
    try {
      return live.describe(name);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        throw new UserError(ExitCodes.BAD_INPUT, "workflow " + name + " not found");
      }
      throw e;
    }
  }

  private WorkflowRun input(WorkflowExecution execution) {
    HistoryEvent first =
        client
            .getWorkflowServiceStubs()
            .blockingStub()
            .getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace(client.getOptions().getNamespace())
                    .setExecution(execution)
                    .setMaximumPageSize(1)
                    .build())
            .getHistory()
            .getEvents(0);
    Payloads input = first.getWorkflowExecutionStartedEventAttributes().getInput();
    return converter.fromPayloads(0, Optional.of(input), WorkflowRun.class, WorkflowRun.class);
  }

  private WorkflowStatus live(String name, DescribeWorkflowExecutionResponse described) {
    WorkflowStatus status = live.read(name, described);
    // Null: no worker has picked the run up yet, or it is between two continue-as-new runs.
    return status != null
        ? status
        : new WorkflowStatus(NodePhase.Pending, null, null, null, "0/0", Map.of());
  }

  private String memoYaml(WorkflowExecutionInfo info) {
    Payload yaml = info.getMemo().getFieldsMap().get(Names.MEMO_YAML);
    if (yaml == null) {
      return "";
    }
    return converter.fromPayload(yaml, String.class, String.class);
  }
}
