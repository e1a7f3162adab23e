package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.util.JsonFormat;
import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import dev.targo.argo.Json;
import dev.targo.cli.TargoServer.Result;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.common.converter.DataConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the Temporal Web UI shows of a run, read through the gRPC APIs the UI reads, on a real
 * {@code temporal server start-dev} (the embedded test server has no visibility store and no search
 * attributes): a {@code targo worker} registers targo's search attributes and runs the
 * deterministic example {@code retry-until-third-attempt.yaml} (fails twice, succeeds on the third
 * attempt, backoffs 2 s and 4 s). Skipped, with the reason printed, where the Temporal CLI has not
 * been built ({@code scripts/install-temporal-cli}; {@code .ci/run} builds it first).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebUiDataIT {
  private static final Path EXAMPLE = Path.of("..", "examples", "retry-until-third-attempt.yaml");
  private static final String SUMMARY =
      "flaky: container alpine:3.20, retry limit 4 (OnFailure), backoff 2s ×2, avoids failed hosts";

  @TempDir static Path dir;

  private final DataConverter converter = PayloadJson.dataConverter();
  private TemporalDevServer server;
  private InProcessWorker worker;
  private String name;
  private final Set<String> detailsWhileRunning = new LinkedHashSet<>();
  private DescribeWorkflowExecutionResponse described;
  private List<HistoryEvent> history;

  @BeforeAll
  void runTheExample() throws Exception {
    TemporalDevServer.assumeAvailable("WebUiDataIT");
    server = TemporalDevServer.start(dir);
    worker = InProcessWorker.start(server.address, dir.resolve("pods"));
    Result submitted =
        TargoServer.run(
            "", "submit", EXAMPLE.toString(), "-o", "name", "--address", server.address);
    assertThat(submitted.exitCode()).as(submitted.err()).isEqualTo(ExitCodes.OK);
    name = submitted.out().strip();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
    while (describe().getWorkflowExecutionInfo().getStatus()
        == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
      assertThat(Instant.now()).as("the example's end").isBefore(deadline);
      String details = currentDetails();
      if (!details.isEmpty()) {
        detailsWhileRunning.add(details);
      }
      Thread.sleep(200);
    }
    described = describe();
    history =
        server
            .service
            .blockingStub()
            .getWorkflowExecutionHistory(
                GetWorkflowExecutionHistoryRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(name))
                    .build())
            .getHistory()
            .getEventsList();
  }

  @AfterAll
  void stop() throws Exception {
    if (server == null) {
      return;
    }
    worker.close();
    server.close();
  }

  private DescribeWorkflowExecutionResponse describe() {
    return server
        .service
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(name))
                .build());
  }

  /** The current details the UI shows: the SDK's built-in {@code __temporal_workflow_metadata}. */
  private String currentDetails() throws Exception {
    Payload p =
        server
            .service
            .blockingStub()
            .queryWorkflow(
                QueryWorkflowRequest.newBuilder()
                    .setNamespace("default")
                    .setExecution(WorkflowExecution.newBuilder().setWorkflowId(name))
                    .setQuery(
                        WorkflowQuery.newBuilder().setQueryType("__temporal_workflow_metadata"))
                    .build())
            .getQueryResult()
            .getPayloads(0);
    WorkflowMetadata.Builder metadata = WorkflowMetadata.newBuilder();
    if ("binary/protobuf".equals(p.getMetadataMap().get("encoding").toStringUtf8())) {
      metadata.mergeFrom(p.getData());
    } else {
      JsonFormat.parser().ignoringUnknownFields().merge(p.getData().toStringUtf8(), metadata);
    }
    return metadata.getCurrentDetails();
  }

  private String text(Payload p) {
    return converter.fromPayload(p, String.class, String.class);
  }

  private List<String> summaries(EventType type) {
    List<String> out = new ArrayList<>();
    for (HistoryEvent e : history) {
      if (e.getEventType() == type) {
        out.add(text(e.getUserMetadata().getSummary()));
      }
    }
    return out;
  }

  @Test
  void staticSummaryAndDetailsDescribeThePlan() {
    var metadata = described.getExecutionConfig().getUserMetadata();

    assertThat(text(metadata.getSummary())).isEqualTo(SUMMARY);
    assertThat(text(metadata.getDetails())).isEqualTo("entrypoint: flaky\n- " + SUMMARY);
  }

  @Test
  void theMemoHoldsTheSubmittedYaml() throws Exception {
    Payload yaml =
        described.getWorkflowExecutionInfo().getMemo().getFieldsMap().get(Names.MEMO_YAML);

    assertThat(text(yaml)).isEqualTo(Files.readString(EXAMPLE));
  }

  @Test
  void eachAttemptsActivityHasASummaryAndIsFollowedByItsPodsDeletion() {
    List<String> activities = summaries(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);

    assertThat(activities).hasSize(6);
    assertThat(List.of(activities.get(0), activities.get(2), activities.get(4)))
        .containsExactly(
            "attempt 1/5 of flaky",
            "attempt 2/5 of flaky, excluding [node-1]",
            "attempt 3/5 of flaky, excluding [node-1, node-2]");
    assertThat(List.of(activities.get(1), activities.get(3), activities.get(5)))
        .allSatisfy(a -> assertThat(a).startsWith("delete pod " + name + "-flaky-"));
  }

  /**
   * Each backoff timer says what it waits: the backoff (2 s, then 4 s) less the time since the
   * attempt's pod ended, as Argo counts it from the pod's end (on a loaded machine the workflow may
   * learn of the end a second later), and which attempt failed where.
   */
  @Test
  void eachBackoffTimerHasASummary() {
    List<HistoryEvent> timers =
        history.stream()
            .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
            .toList();
    assertThat(timers).hasSize(2);
    for (int i = 0; i < 2; i++) {
      HistoryEvent timer = timers.get(i);
      var fire = timer.getTimerStartedEventAttributes().getStartToFireTimeout();
      java.time.Duration waits = java.time.Duration.ofSeconds(fire.getSeconds(), fire.getNanos());
      String summary = text(timer.getUserMetadata().getSummary());
      var m =
          java.util.regex.Pattern.compile(
                  "backoff (\\S+) before attempt "
                      + (i + 2)
                      + " — attempt "
                      + (i + 1)
                      + " Failed \\(exit \\d+\\) on node-"
                      + (i + 1))
              .matcher(summary);
      assertThat(m.matches()).as(summary).isTrue();
      // The summary says what the timer waits, at most the backoff (2 s, then 4 s).
      assertThat(dev.targo.argo.ArgoDurations.parseGoDuration(m.group(1))).isEqualTo(waits);
      assertThat(waits).isLessThanOrEqualTo(java.time.Duration.ofSeconds(2L << i));
    }
  }

  @Test
  void currentDetailsFollowTheRunAndShowItsEnd() throws Exception {
    assertThat(detailsWhileRunning)
        .anyMatch(d -> d.startsWith("Running · progress ") && d.contains("Backoff for"));
    // Argo's progress counts succeeded pods over all pods: two of the three attempts failed.
    assertThat(currentDetails()).isEqualTo("Succeeded · progress 1/3");
  }

  @Test
  void searchAttributesCarryPhaseTemplateNamespaceAndAttempts() throws Exception {
    WorkflowExecutionInfo info = described.getWorkflowExecutionInfo();
    Map<String, String> attributes = new TreeMap<>();
    for (String key :
        List.of(Names.SA_PHASE, Names.SA_TEMPLATE, Names.SA_NAMESPACE, Names.SA_ATTEMPTS)) {
      Payload p = info.getSearchAttributes().getIndexedFieldsMap().get(key);
      attributes.put(
          key, p == null ? null : Json.mapper().readTree(p.getData().toByteArray()).asText());
    }

    assertThat(attributes)
        .containsExactlyEntriesOf(
            new TreeMap<>(
                Map.of(
                    "ArgoAttempts", "3",
                    "ArgoNamespace", "default",
                    "ArgoPhase", "Succeeded",
                    "ArgoTemplate", "flaky")));
  }

  @Test
  void visibilityQueriesOnTheSearchAttributesFindTheRun() throws Exception {
    String query = "ArgoPhase = 'Succeeded' AND ArgoTemplate = 'flaky'";
    List<String> found = List.of();
    for (int i = 0; i < 50 && !found.contains(name); i++) {
      found =
          server
              .service
              .blockingStub()
              .listWorkflowExecutions(
                  ListWorkflowExecutionsRequest.newBuilder()
                      .setNamespace("default")
                      .setQuery(query)
                      .build())
              .getExecutionsList()
              .stream()
              .map(e -> e.getExecution().getWorkflowId())
              .toList();
      Thread.sleep(100);
    }

    assertThat(found).containsExactly(name);
  }

  @Test
  void targoListFiltersOnPhaseAndTemplate() throws Exception {
    Result succeeded = listed("--phase", "Succeeded", "--template", "flaky");
    Result failed = listed("--phase", "Failed");

    assertThat(succeeded.out()).isEqualTo(name + "\n");
    assertThat(failed.exitCode()).as(failed.err()).isEqualTo(ExitCodes.OK);
    assertThat(failed.out()).isEmpty();
  }

  /** {@code targo list -o name …}, once visibility has caught up with the run's last phase. */
  private Result listed(String... filters) throws InterruptedException {
    List<String> args = new ArrayList<>(List.of("list", "-o", "name", "--address", server.address));
    args.addAll(List.of(filters));
    Result r = TargoServer.run("", args.toArray(String[]::new));
    for (int i = 0; i < 50 && r.out().isEmpty() && filters[1].equals("Succeeded"); i++) {
      Thread.sleep(100);
      r = TargoServer.run("", args.toArray(String[]::new));
    }
    assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
    return r;
  }
}
