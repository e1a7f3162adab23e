package dev.targo.cli.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import dev.targo.api.temporal.ArgoFailures;
import dev.targo.argo.Json;
import dev.targo.argo.status.NodePhase;
import dev.targo.cli.ExitCodes;
import dev.targo.cli.UserError;
import dev.targo.cli.client.ListedRuns.Row;
import dev.targo.cli.client.ListedRuns.Run;
import dev.targo.cli.client.ListedRuns.State;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Lists targo workflows through Temporal's visibility: a {@code ListWorkflowExecutions} query on
 * the workflow type, the execution status, the id prefix and targo's search attributes, then one
 * more for the earlier runs of the workflows that continued as new ({@link ListedRuns} makes one
 * row of them). A server without visibility queries (Temporal's test server, the embedded default)
 * is listed through the basic open/closed listings instead, filtered here.
 */
public final class WorkflowLister {

  /** Ids per query for the earlier runs, so that a query stays short. */
  private static final int IDS_PER_QUERY = 100;

  /** How long reading one finished workflow's result may take. */
  private static final long RESULT_TIMEOUT_SECONDS = 10;

  /**
   * What to list.
   *
   * @param running true: running only; false: finished only; null: both
   * @param prefix name prefix, or null
   * @param phase Argo phase, or null
   * @param template entrypoint ({@code ArgoTemplate}), or null
   * @param nodeWorkflows true to list the child workflows of nodes ({@code <wf>/<node>}) too
   */
  public record Filter(
      Boolean running, String prefix, NodePhase phase, String template, boolean nodeWorkflows) {

    /** The visibility query for the latest runs this filter selects. */
    public String query() {
      StringBuilder q = new StringBuilder(types());
      q.append(" AND ExecutionStatus != 'ContinuedAsNew'");
      if (running != null) {
        q.append(
            running ? " AND ExecutionStatus = 'Running'" : " AND ExecutionStatus != 'Running'");
      }
      if (prefix != null) {
        q.append(" AND WorkflowId STARTS_WITH ").append(quote(prefix));
      }
      if (phase != null) {
        // ArgoPhase is the workflow's last upsert, so a run Temporal ended by itself may still
        // say Running: the execution status decides between open and closed.
        q.append(" AND ").append(Names.SA_PHASE).append(" = ").append(quote(phase.name()));
        q.append(
            phase.fulfilled()
                ? " AND ExecutionStatus != 'Running'"
                : " AND ExecutionStatus = 'Running'");
      }
      if (template != null) {
        q.append(" AND ").append(Names.SA_TEMPLATE).append(" = ").append(quote(template));
      }
      return q.toString();
    }

    /** The visibility query for the earlier runs of {@code ids}. */
    String earlierRuns(List<String> ids) {
      return types()
          + " AND ExecutionStatus = 'ContinuedAsNew' AND WorkflowId IN ("
          + ids.stream().map(Filter::quote).collect(Collectors.joining(", "))
          + ")";
    }

    private String types() {
      String argo = "WorkflowType = '" + Names.WORKFLOW_TYPE + "'";
      return nodeWorkflows
          ? "(" + argo + " OR WorkflowType = '" + Names.NODE_WORKFLOW_TYPE + "')"
          : argo;
    }

    private static String quote(String s) {
      return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
  }

  /**
   * One listed workflow.
   *
   * @param name the workflow name
   * @param status its Argo phase ({@code Unknown} when its result cannot be read)
   * @param startedAt when it was submitted: its first run's start
   * @param closedAt when it ended, or null while it runs
   * @param template its entrypoint, or null without search attributes
   * @param attempts its attempts, or null without search attributes
   * @param namespace its Argo namespace where known ({@code ArgoNamespace}, or the one its worker
   *     chose), else null: the submitted document's, else {@code default}
   * @param yaml the submitted document, or null
   */
  public record Listed(
      String name,
      String status,
      Instant startedAt,
      Instant closedAt,
      String template,
      Long attempts,
      String namespace,
      String yaml) {}

  /** The workflows, newest first, and a notice for the user when the listing was limited. */
  public record Result(List<Listed> workflows, Optional<String> notice) {}

  private final WorkflowClient client;
  private final DataConverter converter = PayloadJson.dataConverter();

  public WorkflowLister(WorkflowClient client) {
    this.client = client;
  }

  /**
   * The workflows {@code filter} selects. With {@code exactAttempts}, a workflow whose attempts may
   * have outgrown what its search attribute counts (it continued as new: the attribute counts the
   * attempts its latest status still holds), or that has no such attribute, is asked for its own
   * count.
   */
  public Result list(Filter filter, boolean exactAttempts) {
    List<Row> rows;
    Optional<String> notice = Optional.empty();
    try {
      rows = query(filter);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
        throw e;
      }
      if (filter.template() != null) {
        throw new UserError(
            ExitCodes.BAD_INPUT,
            "this Temporal server cannot query workflows by search attribute: --template needs a"
                + " server with visibility (temporal server start-dev, a cluster)");
      }
      rows = basic(filter);
      notice = Optional.of("this Temporal server has no visibility queries; listed without them");
    }
    List<Listed> out = new ArrayList<>();
    for (Row row : rows) {
      Listed listed = listed(row, exactAttempts);
      if (filter.phase() == null || filter.phase().name().equals(listed.status())) {
        out.add(listed);
      }
    }
    return new Result(out, notice);
  }

  private List<Row> query(Filter filter) {
    List<Run> latest = runs(filter.query());
    List<String> continued = latest.stream().map(Run::workflowId).distinct().toList();
    List<Run> earlier = new ArrayList<>();
    for (int i = 0; i < continued.size(); i += IDS_PER_QUERY) {
      List<String> ids = continued.subList(i, Math.min(continued.size(), i + IDS_PER_QUERY));
      earlier.addAll(runs(filter.earlierRuns(ids)));
    }
    return ListedRuns.rows(latest, earlier);
  }

  private List<Run> runs(String query) {
    return Pages.all(
            token -> {
              ListWorkflowExecutionsResponse page =
                  stub()
                      .listWorkflowExecutions(
                          ListWorkflowExecutionsRequest.newBuilder()
                              .setNamespace(client.getOptions().getNamespace())
                              .setQuery(query)
                              .setNextPageToken(token)
                              .build());
              return new Pages.Page<>(page.getExecutionsList(), page.getNextPageToken());
            })
        .stream()
        .map(this::run)
        .toList();
  }

  private List<Row> basic(Filter filter) {
    List<String> types =
        filter.nodeWorkflows()
            ? List.of(Names.WORKFLOW_TYPE, Names.NODE_WORKFLOW_TYPE)
            : List.of(Names.WORKFLOW_TYPE);
    String namespace = client.getOptions().getNamespace();
    List<WorkflowExecutionInfo> infos = new ArrayList<>();
    for (String type : types) {
      WorkflowTypeFilter typeFilter = WorkflowTypeFilter.newBuilder().setName(type).build();
      infos.addAll(
          stub()
              .listOpenWorkflowExecutions(
                  ListOpenWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(namespace)
                      .setTypeFilter(typeFilter)
                      .setMaximumPageSize(1000)
                      .build())
              .getExecutionsList());
      infos.addAll(
          stub()
              .listClosedWorkflowExecutions(
                  ListClosedWorkflowExecutionsRequest.newBuilder()
                      .setNamespace(namespace)
                      .setTypeFilter(typeFilter)
                      .setMaximumPageSize(1000)
                      .build())
              .getExecutionsList());
    }
    List<Run> all =
        infos.stream()
            // Temporal's test server lists every type whatever the filter says.
            .filter(i -> types.contains(i.getType().getName()))
            .filter(
                i ->
                    filter.prefix() == null
                        || i.getExecution().getWorkflowId().startsWith(filter.prefix()))
            .map(this::run)
            .toList();
    Predicate<Run> state =
        r ->
            filter.running() == null
                || filter.running() == (r.state() == State.RUNNING)
                || r.state() == State.CONTINUED_AS_NEW;
    return ListedRuns.rows(all.stream().filter(state).toList(), all);
  }

  private Listed listed(Row row, boolean exactAttempts) {
    Run run = row.run();
    String phase = ListedRuns.shownPhase(run);
    JsonNode result = null;
    if (phase == null) {
      result = ended(run);
      phase = phaseOf(run, result);
    }
    Long attempts = run.attempts();
    // Asked for when the attribute may count too few (the workflow continued as new) or is missing
    // (a server without search attributes, such as the embedded one).
    if (exactAttempts && (row.earlierRuns() > 0 || attempts == null) && !isNode(run)) {
      attempts = totalAttempts(run, result).orElse(attempts);
    }
    return new Listed(
        row.name(),
        phase,
        row.createdAt(),
        run.closedAt(),
        run.template(),
        attempts,
        run.namespace(),
        run.yaml());
  }

  private static boolean isNode(Run run) {
    return run.workflowId().contains("/");
  }

  /** The phase of an ended workflow without a final {@code ArgoPhase}: its end says it. */
  private String phaseOf(Run run, JsonNode ended) {
    if (ended != null && ended.path("phase").isTextual()) {
      return ended.path("phase").asText();
    }
    return run.state() == State.FAILED ? NodePhase.Error.name() : "Unknown";
  }

  /**
   * How an ended run ended, as a tree with a {@code phase}: the Argo status it returned, or the one
   * its failure carries (a workflow that ends Failed or Error fails its Temporal run with it; a
   * node workflow, its node); null when neither can be read.
   */
  private JsonNode ended(Run run) {
    if (run.state() != State.COMPLETED && run.state() != State.FAILED) {
      return null;
    }
    try {
      JsonNode result =
          client
              .newUntypedWorkflowStub(run.workflowId())
              .getResult(RESULT_TIMEOUT_SECONDS, TimeUnit.SECONDS, JsonNode.class);
      // A node workflow returns its node under "node"; an Argo workflow, its status.
      return result != null && result.has("node") ? result.get("node") : result;
    } catch (WorkflowFailedException e) {
      Optional<JsonNode> argo =
          ArgoFailures.workflowStatus(e)
              .map(s -> (JsonNode) Json.mapper().valueToTree(s))
              .or(() -> ArgoFailures.nodeResult(e).map(r -> Json.mapper().valueToTree(r.node())));
      return argo.orElse(null);
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * Every attempt of the workflow, as its status counts them in {@code progress} ({@code
   * succeeded/total}, dropped attempts included): from its result once ended, else from its {@code
   * status} query.
   */
  private Optional<Long> totalAttempts(Run run, JsonNode result) {
    JsonNode status = result;
    if (status == null) {
      status = ended(run);
    }
    if (status == null && run.state() == State.RUNNING) {
      try {
        status =
            client
                .newUntypedWorkflowStub(run.workflowId())
                .query(Names.QUERY_STATUS, JsonNode.class);
      } catch (RuntimeException e) {
        return Optional.empty();
      }
    }
    if (status == null) {
      return Optional.empty();
    }
    String progress = status.path("progress").asText("");
    int slash = progress.indexOf('/');
    try {
      return slash < 0
          ? Optional.empty()
          : Optional.of(Long.parseLong(progress.substring(slash + 1).strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private Run run(WorkflowExecutionInfo info) {
    boolean open = info.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    return new Run(
        info.getExecution().getWorkflowId(),
        state(info.getStatus()),
        instant(info.getStartTime()),
        info.hasCloseTime() && !open ? instant(info.getCloseTime()) : null,
        keyword(info, Names.SA_PHASE),
        keyword(info, Names.SA_TEMPLATE),
        number(info, Names.SA_ATTEMPTS),
        Optional.ofNullable(keyword(info, Names.SA_NAMESPACE))
            .orElseGet(() -> memo(info, Names.MEMO_NAMESPACE)),
        memo(info, Names.MEMO_YAML));
  }

  private static State state(WorkflowExecutionStatus status) {
    return switch (status) {
      case WORKFLOW_EXECUTION_STATUS_RUNNING -> State.RUNNING;
      case WORKFLOW_EXECUTION_STATUS_COMPLETED -> State.COMPLETED;
      case WORKFLOW_EXECUTION_STATUS_FAILED -> State.FAILED;
      case WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW -> State.CONTINUED_AS_NEW;
      default -> State.STOPPED;
    };
  }

  private String keyword(WorkflowExecutionInfo info, String name) {
    return string(info.getSearchAttributes().getIndexedFieldsMap().get(name));
  }

  private String memo(WorkflowExecutionInfo info, String name) {
    return string(info.getMemo().getFieldsMap().get(name));
  }

  /** The string {@code p} holds, or null when absent or not a string. */
  private String string(Payload p) {
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
