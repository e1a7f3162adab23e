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
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
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
    return find(name)
        .orElseThrow(() -> new UserError(ExitCodes.BAD_INPUT, "workflow " + name + " not found"));
  }

  /**
   * The workflow {@code name}, or empty when Temporal has no workflow of that id; a {@link
   * UserError} when the id is another kind of workflow's.
   */
  public Optional<RunRecord> find(String name) {
    DescribeWorkflowExecutionResponse described = describe(name);
    if (described == null) {
      return Optional.empty();
    }
    WorkflowExecutionInfo info = described.getWorkflowExecutionInfo();
    if (!Names.WORKFLOW_TYPE.equals(info.getType().getName())) {
      throw new UserError(
          ExitCodes.BAD_INPUT,
          name + " is a " + info.getType().getName() + " workflow, not a targo workflow");
    }
    HistoryEvent started = firstEvent(info.getExecution());
    WorkflowRun run = input(started);
    boolean running = info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    WorkflowStatus status;
    String notice = null;
    if (running) {
      LiveTree.Read read = live.read(name, described);
      status = read.status() != null ? read.status() : unknown(info);
      notice = read.notice();
    } else {
      status = live.finalStatus(name);
    }
    Instant created =
        Instant.ofEpochSecond(info.getStartTime().getSeconds(), info.getStartTime().getNanos());
    if (status.startedAt() != null && status.startedAt().isBefore(created)) {
      created = status.startedAt();
    }
    return Optional.of(
        new RunRecord(
            name,
            namespace(run, info),
            run.plan(),
            memoYaml(info, started),
            created,
            running,
            status,
            notice,
            run,
            run.retry() != null
                ? run.retry().uid()
                : started.getWorkflowExecutionStartedEventAttributes().getFirstExecutionRunId()));
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

  /** The workflow described, or null when there is none. */
  private DescribeWorkflowExecutionResponse describe(String name) {
    try {
      return live.describe(name);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  /** The first event of the current run: its start, with the input and the first run's id. */
  private HistoryEvent firstEvent(WorkflowExecution execution) {
    return client
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
  }

  private WorkflowRun input(HistoryEvent first) {
    Payloads input = first.getWorkflowExecutionStartedEventAttributes().getInput();
    return converter.fromPayloads(0, Optional.of(input), WorkflowRun.class, WorkflowRun.class);
  }

  /**
   * What is known of a running workflow whose status neither a worker nor a replay gave: Pending
   * until a worker has taken its first task, Running after; the notice says the rest.
   */
  private static WorkflowStatus unknown(WorkflowExecutionInfo info) {
    // Started, first task scheduled, first task started: no task has completed yet.
    NodePhase phase = info.getHistoryLength() <= 3 ? NodePhase.Pending : NodePhase.Running;
    return new WorkflowStatus(phase, null, null, null, null, Map.of());
  }

  /**
   * The submitted YAML. The memo is written at submission, into the first run only: a workflow that
   * continued as new has it in its first run's memo.
   */
  private String memoYaml(WorkflowExecutionInfo info, HistoryEvent started) {
    Payload yaml = info.getMemo().getFieldsMap().get(Names.MEMO_YAML);
    String firstRun = started.getWorkflowExecutionStartedEventAttributes().getFirstExecutionRunId();
    if (yaml == null && !firstRun.isEmpty() && !firstRun.equals(info.getExecution().getRunId())) {
      try {
        yaml =
            client
                .getWorkflowServiceStubs()
                .blockingStub()
                .describeWorkflowExecution(
                    DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setExecution(
                            WorkflowExecution.newBuilder()
                                .setWorkflowId(info.getExecution().getWorkflowId())
                                .setRunId(firstRun))
                        .build())
                .getWorkflowExecutionInfo()
                .getMemo()
                .getFieldsMap()
                .get(Names.MEMO_YAML);
      } catch (StatusRuntimeException e) {
        // The first run is past the namespace's retention: -o json|yaml print an empty spec.
      }
    }
    if (yaml == null) {
      return "";
    }
    return converter.fromPayload(yaml, String.class, String.class);
  }
}
