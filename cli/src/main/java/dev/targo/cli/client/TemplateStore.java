package dev.targo.cli.client;

import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import dev.targo.cli.ExitCodes;
import dev.targo.cli.UserError;
import dev.targo.translator.Document;
import dev.targo.translator.Documents;
import dev.targo.translator.TemplateLookup;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DataConverter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * targo's template store, kept in Temporal itself (docs/DESIGN.md §10): each {@code
 * WorkflowTemplate} or {@code ClusterWorkflowTemplate} is one open {@code ArgoWorkflowTemplate}
 * workflow whose id is the template's name and whose memo holds its YAML. Creating one starts that
 * workflow (an existing name is refused, as Argo's API refuses it), reading one describes it,
 * listing lists the open holders, deleting terminates it. Every call but listing is strongly
 * consistent.
 */
public final class TemplateStore {

  /**
   * A stored template.
   *
   * @param cluster true for a {@code ClusterWorkflowTemplate}
   * @param namespace its Argo namespace (null for a cluster template)
   * @param name its name
   * @param created when it was created
   * @param yaml its document, as created (empty in a listing of a server that leaves memos out)
   */
  public record Stored(
      boolean cluster, String namespace, String name, Instant created, String yaml) {

    /** Argo's kind name. */
    public String kind() {
      return cluster ? Document.CLUSTER_WORKFLOW_TEMPLATE : Document.WORKFLOW_TEMPLATE;
    }
  }

  private final WorkflowClient client;
  private final String taskQueue;
  private final DataConverter converter = PayloadJson.dataConverter();

  public TemplateStore(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  /** The workflow id that holds a template. */
  public static String workflowId(boolean cluster, String namespace, String name) {
    return cluster
        ? Names.CLUSTER_TEMPLATE_ID_PREFIX + name
        : Names.TEMPLATE_ID_PREFIX + namespace + "/" + name;
  }

  /** Stores a template; a {@link UserError} when one of its name exists already. */
  public Stored create(boolean cluster, String namespace, String name, String yaml) {
    String kind = cluster ? Document.CLUSTER_WORKFLOW_TEMPLATE : Document.WORKFLOW_TEMPLATE;
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(workflowId(cluster, namespace, name))
            .setTaskQueue(taskQueue)
            // A deleted template's name may be used again, as in Argo.
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .setMemo(Map.of(Names.MEMO_YAML, yaml))
            .setStaticSummary(kind + " " + (cluster ? name : namespace + "/" + name))
            .build();
    try {
      client.newUntypedWorkflowStub(Names.TEMPLATE_WORKFLOW_TYPE, options).start();
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new UserError(
          ExitCodes.BAD_INPUT,
          "failed to create " + kind + " " + quoted(cluster, namespace, name) + ": already exists");
    }
    return get(cluster, namespace, name)
        .orElse(new Stored(cluster, cluster ? null : namespace, name, Instant.now(), yaml));
  }

  /** The template of that name, if it exists. */
  public Optional<Stored> get(boolean cluster, String namespace, String name) {
    try {
      WorkflowExecutionInfo info =
          stub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(
                          WorkflowExecution.newBuilder()
                              .setWorkflowId(workflowId(cluster, namespace, name)))
                      .build())
              .getWorkflowExecutionInfo();
      return Optional.ofNullable(stored(info));
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** The templates of {@code namespace} (every namespace when null), by name. */
  public List<Stored> list(boolean cluster, String namespace) {
    String prefix =
        cluster
            ? Names.CLUSTER_TEMPLATE_ID_PREFIX
            : Names.TEMPLATE_ID_PREFIX + (namespace == null ? "" : namespace + "/");
    List<WorkflowExecutionInfo> infos = open();
    // Visibility may list a run twice while it changes state; one row per template.
    Map<String, Stored> byId = new HashMap<>();
    for (WorkflowExecutionInfo info : infos) {
      String id = info.getExecution().getWorkflowId();
      Stored stored = id.startsWith(prefix) ? stored(info) : null;
      if (stored != null) {
        byId.put(id, stored);
      }
    }
    List<Stored> out = new ArrayList<>(byId.values());
    out.sort(
        Comparator.comparing(Stored::namespace, Comparator.nullsFirst(String::compareTo))
            .thenComparing(Stored::name));
    return out;
  }

  /** Deletes the template; false when there was none. */
  public boolean delete(boolean cluster, String namespace, String name) {
    if (get(cluster, namespace, name).isEmpty()) {
      return false;
    }
    client
        .newUntypedWorkflowStub(workflowId(cluster, namespace, name))
        .terminate("deleted with targo " + (cluster ? "cluster-template" : "template") + " delete");
    return true;
  }

  /** The store as a lookup for reference resolution; a template's problems name its store id. */
  public TemplateLookup lookup() {
    return (cluster, namespace, name) ->
        get(cluster, namespace, name).map(TemplateStore::document).orElse(null);
  }

  /** The stored template's document (the first of its text: it was stored alone). */
  static Document document(Stored stored) {
    String origin =
        (stored.cluster() ? "clusterworkflowtemplate/" : "workflowtemplate/") + stored.name();
    List<Document> documents = Documents.split(origin, stored.yaml()).documents();
    return documents.isEmpty() ? null : documents.get(0);
  }

  private static String quoted(boolean cluster, String namespace, String name) {
    return "\"" + (cluster ? name : namespace + "/" + name) + "\"";
  }

  private Stored stored(WorkflowExecutionInfo info) {
    if (info.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING
        || !info.getType().getName().equals(Names.TEMPLATE_WORKFLOW_TYPE)) {
      return null;
    }
    // Listings may leave the memo out (the embedded server does); describing a template has it.
    Payload yaml = info.getMemo().getFieldsMap().get(Names.MEMO_YAML);
    String id = info.getExecution().getWorkflowId();
    boolean cluster = id.startsWith(Names.CLUSTER_TEMPLATE_ID_PREFIX);
    String rest =
        id.substring(
            (cluster ? Names.CLUSTER_TEMPLATE_ID_PREFIX : Names.TEMPLATE_ID_PREFIX).length());
    int slash = rest.indexOf('/');
    String namespace = cluster || slash < 0 ? null : rest.substring(0, slash);
    String name = cluster || slash < 0 ? rest : rest.substring(slash + 1);
    Instant created =
        Instant.ofEpochSecond(info.getStartTime().getSeconds(), info.getStartTime().getNanos());
    String text = yaml == null ? "" : converter.fromPayload(yaml, String.class, String.class);
    return new Stored(cluster, namespace, name, created, text);
  }

  /**
   * The open workflows of the holder type, page by page. The basic listing rather than a visibility
   * query: every server answers it alike, the embedded one included (which answers queries on types
   * and ids with nothing); the type is checked again here, since that server ignores the filter.
   */
  private List<WorkflowExecutionInfo> open() {
    return Pages.all(
        token -> {
          ListOpenWorkflowExecutionsResponse page =
              stub()
                  .listOpenWorkflowExecutions(
                      ListOpenWorkflowExecutionsRequest.newBuilder()
                          .setNamespace(client.getOptions().getNamespace())
                          .setTypeFilter(
                              WorkflowTypeFilter.newBuilder()
                                  .setName(Names.TEMPLATE_WORKFLOW_TYPE)
                                  .build())
                          .setMaximumPageSize(1000)
                          .setNextPageToken(token)
                          .build());
          return new Pages.Page<>(page.getExecutionsList(), page.getNextPageToken());
        });
  }

  private WorkflowServiceGrpc.WorkflowServiceBlockingStub stub() {
    return client.getWorkflowServiceStubs().blockingStub();
  }
}
