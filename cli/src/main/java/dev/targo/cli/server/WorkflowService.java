package dev.targo.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.api.Names;
import dev.targo.api.temporal.NodeUpdate;
import dev.targo.api.temporal.WorkflowRetry;
import dev.targo.argo.Json;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.cli.client.PayloadLimits;
import dev.targo.cli.client.Resubmissions;
import dev.targo.cli.client.Retries;
import dev.targo.cli.client.RunRecord;
import dev.targo.cli.client.RunRecords;
import dev.targo.cli.client.Submission;
import dev.targo.cli.client.SuspendRequests;
import dev.targo.cli.client.TemplateStore;
import dev.targo.cli.client.WorkflowLister;
import dev.targo.cli.client.WorkflowNames;
import dev.targo.cli.render.WorkflowDocument;
import dev.targo.translator.Translation;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DeleteWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What Argo Server's workflow service does, done on Temporal with the readers and the submission of
 * the {@code targo} commands: a workflow is translated and started as {@code targo submit} starts
 * it, read as {@code targo get} reads it, listed as {@code targo list} lists it. Client code; safe
 * for concurrent requests.
 */
public final class WorkflowService {
  /** How long a delete waits for a running workflow to end after it was terminated. */
  private static final long DELETE_WAIT_SECONDS = 10;

  private final WorkflowClient client;
  private final String taskQueue;
  private final RunRecords records;
  private final SecureRandom random = new SecureRandom();

  /** Reads under way, by workflow name: concurrent GETs of one workflow share one read. */
  private final Map<String, CompletableFuture<Optional<Read>>> reading = new ConcurrentHashMap<>();

  /** How long a deleted workflow is answered for as gone, while Temporal has not deleted it. */
  private static final java.time.Duration TOMBSTONE = java.time.Duration.ofMinutes(5);

  /**
   * Workflows deleted through this server, until when they count as gone whatever Temporal says.
   */
  private final Map<String, Instant> deleted = new ConcurrentHashMap<>();

  private static final com.fasterxml.jackson.dataformat.yaml.YAMLMapper YAML =
      new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();

  public WorkflowService(WorkflowClient client, String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.records = new RunRecords(client);
  }

  /** {@code POST /api/v1/workflows/{ns}}: translated, then started unless {@code dryRun}. */
  public ObjectNode create(String namespace, JsonNode body) {
    return create(namespace, body, chosen -> null);
  }

  /**
   * {@link #create(String, JsonNode)}, the new workflow keeping the nodes {@code kept} gives for
   * the name chosen for it (none when null).
   */
  private ObjectNode create(String namespace, JsonNode body, Function<String, WorkflowRetry> kept) {
    SubmittedWorkflow t =
        SubmittedWorkflow.of(namespace, body, new TemplateStore(client, taskQueue).lookup());
    Translation.Ok ok =
        switch (t.translation()) {
          case Translation.Ok o -> o;
          case Translation.Failed f ->
              throw SubmittedWorkflow.problems(f.problems(), "nothing was started");
          case Translation.Checked c -> throw SubmittedWorkflow.notAWorkflow();
        };
    String name = WorkflowNames.choose(ok.plan(), null, random);
    String yaml = WorkflowDocument.withStored(t.document().text(), ok.stored());
    Submission submission =
        new Submission(ok.plan(), name, namespace, Map.of(), yaml, kept.apply(name), false);
    PayloadLimits.check(submission);
    if (body.path("serverDryRun").asBoolean(false)) {
      ObjectNode doc =
          WorkflowJson.created(
              name,
              namespace,
              yaml,
              new WorkflowStatus(NodePhase.Pending, null, null, null, null, Map.of()));
      doc.remove("status");
      return doc;
    }
    try {
      submission.start(client, taskQueue);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new ApiError(
          ApiError.Code.ALREADY_EXISTS, "workflows.argoproj.io \"" + name + "\" already exists");
    }
    deleted.remove(name);
    // Running at once: Temporal holds the workflow durably now, and a worker will run it.
    return WorkflowJson.created(
        name,
        namespace,
        yaml,
        new WorkflowStatus(NodePhase.Running, null, Instant.now(), null, "0/0", Map.of()));
  }

  /** {@code POST /api/v1/workflows/{ns}/lint}: the workflow back when it has no problem. */
  public ObjectNode lint(String namespace, JsonNode body) {
    SubmittedWorkflow t =
        SubmittedWorkflow.of(namespace, body, new TemplateStore(client, taskQueue).lookup());
    if (t.translation() instanceof Translation.Failed f) {
      throw SubmittedWorkflow.problems(f.problems(), "");
    }
    return t.workflow();
  }

  /** {@code GET /api/v1/workflows/{ns}/{name}}. */
  public ObjectNode get(String namespace, String name) {
    return read(namespace, name).document().deepCopy();
  }

  /** The workflow {@code name} of {@code namespace}; not found when it is another's. */
  RunRecord record(String namespace, String name) {
    return read(namespace, name).record();
  }

  /**
   * A workflow as read, with its document rendered once for every request sharing the read.
   *
   * @param record what was read
   * @param document its Argo document; callers copy it before changing it
   */
  private record Read(RunRecord record, ObjectNode document) {}

  /** Argo's alias of the namespace's newest workflow, accepted wherever a name is. */
  static final String LATEST = "@latest";

  private Read read(String namespace, String given) {
    String name = LATEST.equals(given) ? latest(namespace) : given;
    if (isDeleted(name)) {
      throw ApiError.notFound(name);
    }
    Read read = shared(name).orElseThrow(() -> ApiError.notFound(name));
    if (!namespace.equals(read.record().namespace())) {
      throw ApiError.notFound(name);
    }
    return read;
  }

  private boolean isDeleted(String name) {
    Instant until = deleted.get(name);
    if (until != null && Instant.now().isAfter(until)) {
      deleted.remove(name, until);
      return false;
    }
    return until != null;
  }

  /**
   * The workflow {@code name} as read now, the read shared with every request for it that arrives
   * while it is under way: a thousand clients polling one workflow cost one read at a time.
   */
  private Optional<Read> shared(String name) {
    CompletableFuture<Optional<Read>> mine = new CompletableFuture<>();
    CompletableFuture<Optional<Read>> running = reading.putIfAbsent(name, mine);
    if (running != null) {
      try {
        return running.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    }
    try {
      Optional<Read> read = records.find(name).map(r -> new Read(r, WorkflowJson.of(r)));
      mine.complete(read);
      return read;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      reading.remove(name, mine);
    }
  }

  private String latest(String namespace) {
    JsonNode newest = list(namespace, LabelSelector.ALL, n -> true).path("items").path(0);
    if (newest.isMissingNode()) {
      throw ApiError.notFound(LATEST);
    }
    return newest.path("metadata").path("name").asText();
  }

  /**
   * {@code GET /api/v1/workflows/{ns}}: the namespace's workflows, newest first, those {@code
   * labels} selects and whose name {@code names} accepts.
   */
  public ObjectNode list(String namespace, LabelSelector labels, Predicate<String> names) {
    List<WorkflowLister.Listed> listed =
        new WorkflowLister(client)
            .list(new WorkflowLister.Filter(null, null, null, null, false), false)
            .workflows();
    ObjectNode list = Json.mapper().createObjectNode();
    list.putObject("metadata");
    ArrayNode items = list.putArray("items");
    for (WorkflowLister.Listed l : listed) {
      ObjectNode doc = WorkflowJson.of(l);
      if (namespace.equals(WorkflowJson.namespace(doc))
          && !isDeleted(l.name())
          && names.test(l.name())
          && labels.test(WorkflowJson.labels(doc))) {
        items.add(doc);
      }
    }
    return list;
  }

  /**
   * {@code PUT …/stop} and {@code …/terminate}: Argo's shutdown strategy, sent as the workflow's
   * {@code stop} signal as {@code targo stop} sends it.
   */
  public ObjectNode shutdown(String namespace, String given, String strategy) {
    RunRecord record = record(namespace, given);
    String name = record.name();
    if (!record.running()) {
      throw new ApiError(
          ApiError.Code.FAILED_PRECONDITION,
          "cannot " + strategy.toLowerCase(java.util.Locale.ROOT) + " a completed workflow");
    }
    try {
      client.newUntypedWorkflowStub(name).signal(Names.SIGNAL_STOP, strategy);
    } catch (WorkflowNotFoundException e) {
      throw new ApiError(ApiError.Code.FAILED_PRECONDITION, "workflow " + name + " has ended");
    }
    return WorkflowJson.of(record);
  }

  /**
   * {@code PUT …/resubmit}: Argo's {@code ResubmitWorkflow}, the document {@link
   * WorkflowDocument#forResubmission} makes of the recorded one (its {@code parameters}, {@code
   * NAME=VALUE} each, overriding), created as a submitted workflow is. With {@code memoized} (a
   * Failed or Error workflow only, else a 400 with Argo's words) the new workflow keeps the old
   * one's succeeded pods as {@code targo resubmit --memoized} keeps them ({@link Resubmissions}).
   */
  public ObjectNode resubmit(String namespace, String given, JsonNode body) {
    RunRecord record = record(namespace, given);
    boolean memoized = body.path("memoized").asBoolean(false);
    if (memoized) {
      String refusal = Resubmissions.memoizedRefusal(record);
      if (refusal != null) {
        throw new ApiError(ApiError.Code.INVALID_ARGUMENT, refusal);
      }
    }
    Map<String, String> overrides = parameters(body);
    String yaml =
        WorkflowDocument.forResubmission(
            record.yaml(), record.name(), record.plan().arguments(), overrides);
    ObjectNode request = Json.mapper().createObjectNode();
    try {
      request.set(
          "workflow", new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(yaml));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("the resubmitted document did not read back", e);
    }
    return create(
        namespace,
        request,
        memoized ? chosen -> Resubmissions.kept(record, chosen, Instant.now()) : chosen -> null);
  }

  /**
   * {@code PUT …/retry}: Argo's {@code RetryWorkflow} ({@code RetryWorkflowRequest}: {@code
   * restartSuccessful}, {@code nodeFieldSelector}, {@code parameters}), done as {@code targo retry}
   * does it ({@link Retries}); answers the workflow as it stands once its new run has started. A
   * refusal is a 400 with Argo's words, and starts nothing.
   */
  public ObjectNode retry(String namespace, String given, JsonNode body) {
    RunRecord old = record(namespace, given);
    Retries.retry(
        client,
        taskQueue,
        old,
        new Retries.Request(
            old.name(),
            body.path("restartSuccessful").asBoolean(false),
            text(body, "nodeFieldSelector"),
            parameters(body)));
    return WorkflowJson.of(records.read(old.name()));
  }

  /** Argo's {@code parameters} of a request: {@code NAME=VALUE} each, in order. */
  private static Map<String, String> parameters(JsonNode body) {
    Map<String, String> overrides = new java.util.LinkedHashMap<>();
    for (JsonNode p : body.path("parameters")) {
      String text = p.asText();
      int eq = text.indexOf('=');
      if (eq <= 0) {
        throw new ApiError(
            ApiError.Code.INVALID_ARGUMENT,
            "expected parameter of the form: NAME=VALUE. Received: " + text);
      }
      overrides.put(text.substring(0, eq), text.substring(eq + 1));
    }
    return overrides;
  }

  /**
   * {@code PUT …/resume}, {@code …/suspend} and {@code …/set}: Argo's {@code ResumeWorkflow},
   * {@code SuspendWorkflow} and {@code SetWorkflow}, checked as {@code targo resume}, {@code targo
   * suspend} and {@code targo node set} check them ({@link SuspendRequests}) and signalled as they
   * signal them. {@code body} is Argo's request: {@code nodeFieldSelector}, and for a set {@code
   * phase}, {@code message} and {@code outputParameters} (a JSON object in a string).
   */
  public ObjectNode suspension(String namespace, String given, String action, JsonNode body) {
    RunRecord record = record(namespace, given);
    String selector = text(body, "nodeFieldSelector");
    NodeUpdate update;
    try {
      update =
          switch (action) {
            case "resume" -> SuspendRequests.resume(record, selector);
            case "suspend" -> SuspendRequests.suspend(record);
            default ->
                SuspendRequests.set(
                    record,
                    selector,
                    text(body, "phase"),
                    text(body, "message"),
                    outputParameters(text(body, "outputParameters")));
          };
    } catch (SuspendRequests.Finished e) {
      throw new ApiError(ApiError.Code.FAILED_PRECONDITION, e.getMessage());
    } catch (SuspendRequests.Refused e) {
      throw new ApiError(ApiError.Code.INVALID_ARGUMENT, e.getMessage());
    }
    try {
      client.newUntypedWorkflowStub(record.name()).signal(Names.SIGNAL_NODE_UPDATE, update);
    } catch (WorkflowNotFoundException e) {
      throw new ApiError(
          ApiError.Code.FAILED_PRECONDITION, "workflow " + record.name() + " has ended");
    }
    return WorkflowJson.of(record);
  }

  /** A request's text field, or null when absent or empty (Go's zero value). */
  private static String text(JsonNode body, String field) {
    JsonNode v = body == null ? null : body.get(field);
    return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
  }

  /** Argo's {@code outputParameters}: a JSON object of strings, given as a string. */
  private static Map<String, String> outputParameters(String json) {
    if (json == null) {
      return Map.of();
    }
    try {
      JsonNode parsed = Json.mapper().readTree(json);
      if (!parsed.isObject()) {
        throw new ApiError(
            ApiError.Code.INVALID_ARGUMENT,
            "unable to parse output parameter set request: not a JSON object");
      }
      Map<String, String> out = new java.util.LinkedHashMap<>();
      parsed.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
      return out;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ApiError(
          ApiError.Code.INVALID_ARGUMENT,
          "unable to parse output parameter set request: " + e.getOriginalMessage());
    }
  }

  /**
   * {@code DELETE …/{name}}: a running workflow is terminated first (Argo's 'Terminate', so that
   * its pods are deleted), then Temporal deletes it and its history.
   */
  public ObjectNode delete(String namespace, String given) {
    RunRecord record = record(namespace, given);
    String name = record.name();
    if (record.running()) {
      try {
        client
            .newUntypedWorkflowStub(name)
            .signal(Names.SIGNAL_STOP, Names.STOP_STRATEGY_TERMINATE);
        client
            .newUntypedWorkflowStub(name)
            .getResult(DELETE_WAIT_SECONDS, TimeUnit.SECONDS, JsonNode.class);
      } catch (Exception e) {
        // Ended Failed (as a terminated workflow does), or still ending: deleted all the same.
      }
    }
    client
        .getWorkflowServiceStubs()
        .blockingStub()
        .deleteWorkflowExecution(
            DeleteWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setWorkflowExecution(WorkflowExecution.newBuilder().setWorkflowId(name))
                .build());
    // Temporal deletes in the background, a recently closed workflow up to a minute later: until
    // then this server answers for it as for a deleted one.
    deleted.put(name, Instant.now().plus(TOMBSTONE));
    return Json.mapper().createObjectNode();
  }
}
