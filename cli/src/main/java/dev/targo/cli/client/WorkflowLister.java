package dev.targo.cli.client;

import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import dev.targo.api.temporal.ArgoFailures;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.cli.ExitCodes;
import dev.targo.cli.UserError;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc.WorkflowServiceBlockingStub;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.converter.DataConverter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Lists targo workflows through Temporal's visibility: a {@code ListWorkflowExecutions} query on
 * the workflow type, the execution status, the id prefix and targo's search attributes. A server
 * without visibility queries (Temporal's test server, the embedded default) is listed through the
 * basic open/closed listings instead, where only the state and the prefix can be filtered.
 */
public final class WorkflowLister {

  /**
   * What to list.
   *
   * @param running true: running only; false: finished only; null: both
   * @param prefix name prefix, or null
   * @param phase Argo phase ({@code ArgoPhase}), or null
   * @param template entrypoint ({@code ArgoTemplate}), or null
   */
  public record Filter(Boolean running, String prefix, String phase, String template) {

    /** The visibility query for this filter. */
    public String query() {
      StringBuilder q = new StringBuilder("WorkflowType = '" + Names.WORKFLOW_TYPE + "'");
      if (running != null) {
        q.append(
            running ? " AND ExecutionStatus = 'Running'" : " AND ExecutionStatus != 'Running'");
      }
      if (prefix != null) {
        q.append(" AND WorkflowId STARTS_WITH ").append(quote(prefix));
      }
      if (phase != null) {
        q.append(" AND ").append(Names.SA_PHASE).append(" = ").append(quote(phase));
      }
      if (template != null) {
        q.append(" AND ").append(Names.SA_TEMPLATE).append(" = ").append(quote(template));
      }
      return q.toString();
    }

    private static String quote(String s) {
      return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
  }

  /** One listed workflow; {@code template} and {@code attempts} only with search attributes. */
  public record Listed(
      String name,
      String status,
      Instant startedAt,
      Instant closedAt,
      String template,
      Long attempts) {}

  /** The workflows, newest first, and a notice for the user when the listing was limited. */
  public record Result(List<Listed> workflows, Optional<String> notice) {}

  private final WorkflowClient client;
  private final DataConverter converter = PayloadJson.dataConverter();

  public WorkflowLister(WorkflowClient client) {
    this.client = client;
  }

  public Result list(Filter filter) {
    try {
      return new Result(query(filter), Optional.empty());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
    }
    if (filter.phase() != null || filter.template() != null) {
      throw new UserError(
          ExitCodes.BAD_INPUT,
          "this Temporal server cannot query workflows by search attribute: --phase and"
              + " --template need a server with visibility (temporal server start-dev, a cluster)");
    }
    return new Result(
        basic(filter),
        Optional.of("this Temporal server has no visibility queries; listed without them"));
  }

  private List<Listed> query(Filter filter) {
    List<Listed> out = new ArrayList<>();
    com.google.protobuf.ByteString token = com.google.protobuf.ByteString.EMPTY;
    do {
      ListWorkflowExecutionsResponse page =
          stub()
              .listWorkflowExecutions(
                  ListWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setQuery(filter.query())
                      .setNextPageToken(token)
                      .build());
      page.getExecutionsList().forEach(info -> out.add(listed(info)));
      token = page.getNextPageToken();
    } while (!token.isEmpty());
    return out;
  }

  private List<Listed> basic(Filter filter) {
    WorkflowTypeFilter type = WorkflowTypeFilter.newBuilder().setName(Names.WORKFLOW_TYPE).build();
    List<WorkflowExecutionInfo> infos = new ArrayList<>();
    String namespace = client.getOptions().getNamespace();
    if (filter.running() == null || filter.running()) {
      infos.addAll(
          stub()
              .listOpenWorkflowExecutions(
                  ListOpenWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(namespace)
                      .setTypeFilter(type)
                      .setMaximumPageSize(1000)
                      .build())
              .getExecutionsList());
    }
    if (filter.running() == null || !filter.running()) {
      infos.addAll(
          stub()
              .listClosedWorkflowExecutions(
                  ListClosedWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(namespace)
                      .setTypeFilter(type)
                      .setMaximumPageSize(1000)
                      .build())
              .getExecutionsList());
    }
    return infos.stream()
        .filter(
            i ->
                filter.prefix() == null
                    || i.getExecution().getWorkflowId().startsWith(filter.prefix()))
        .map(this::listed)
        .sorted(Comparator.comparing(Listed::startedAt).reversed())
        .toList();
  }

  private Listed listed(WorkflowExecutionInfo info) {
    String phase = keyword(info, Names.SA_PHASE);
    boolean running = info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    if (phase == null) {
      phase = running ? "Running" : finishedPhase(info);
    }
    return new Listed(
        info.getExecution().getWorkflowId(),
        phase,
        instant(info.getStartTime()),
        info.hasCloseTime() && !running ? instant(info.getCloseTime()) : null,
        keyword(info, Names.SA_TEMPLATE),
        number(info, Names.SA_ATTEMPTS));
  }

  /**
   * The Argo phase of a finished workflow without search attributes: its result says it, or the
   * Argo failure it ended with.
   */
  private String finishedPhase(WorkflowExecutionInfo info) {
    if (info.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
        && info.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED) {
      // Terminated, timed out or cancelled by Temporal itself: Argo would call it an Error.
      return "Error";
    }
    try {
      return client
          .newUntypedWorkflowStub(
              info.getExecution().getWorkflowId(),
              Optional.of(info.getExecution().getRunId()),
              Optional.empty())
          .getResult(WorkflowStatus.class)
          .phase()
          .name();
    } catch (WorkflowFailedException e) {
      return ArgoFailures.workflowStatus(e).map(s -> s.phase().name()).orElse("Error");
    } catch (RuntimeException e) {
      return "Unknown";
    }
  }

  private String keyword(WorkflowExecutionInfo info, String name) {
    Payload p = info.getSearchAttributes().getIndexedFieldsMap().get(name);
    if (p == null) {
      return null;
    }
    try {
      return converter.fromPayload(p, String.class, String.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private Long number(WorkflowExecutionInfo info, String name) {
    Payload p = info.getSearchAttributes().getIndexedFieldsMap().get(name);
    if (p == null) {
      return null;
    }
    try {
      return converter.fromPayload(p, Long.class, Long.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private WorkflowServiceBlockingStub stub() {
    return client.getWorkflowServiceStubs().blockingStub();
  }

  private static Instant instant(com.google.protobuf.Timestamp t) {
    return Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
