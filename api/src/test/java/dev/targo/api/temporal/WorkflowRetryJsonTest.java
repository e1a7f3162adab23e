package dev.targo.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.targo.argo.Json;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.status.NodeOutputs;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inputs of a retried run: round trips, and nothing new in the JSON of other runs. */
class WorkflowRetryJsonTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final ObjectMapper MAPPER = Json.mapper();
  private static final WorkflowPlan PLAN =
      new WorkflowPlan(
          "wf", null, null, Map.of(), Map.of(), "main", List.of(), Map.of(), null, null, null);
  private static final NodeStatus KEPT =
      new NodeStatus(
          "wf-1",
          "wf[0].a",
          "a",
          NodeType.Pod,
          "work",
          NodePhase.Succeeded,
          null,
          T0,
          T0.plusSeconds(1),
          "node-1",
          List.of(),
          new NodeOutputs("0", "hi", List.of(Parameter.of("p", "v"))),
          "wf-work-1");

  @Test
  void aRetriedWorkflowRunRoundTripsThroughThePayloadMapper() throws Exception {
    WorkflowRun run =
        new WorkflowRun(
            "wf",
            "argo",
            PLAN,
            Map.of("p", "1"),
            null,
            new WorkflowRetry("uid-1", List.of(KEPT), List.of("wf-work-2")));

    assertThat(MAPPER.readValue(MAPPER.writeValueAsString(run), WorkflowRun.class)).isEqualTo(run);
  }

  @Test
  void aRunThatRetriesNothingWritesNoRetryField() throws Exception {
    WorkflowRun run = new WorkflowRun("wf", "argo", PLAN, Map.of(), null);

    assertThat(MAPPER.writeValueAsString(run)).doesNotContain("retry");
    assertThat(MAPPER.readValue(MAPPER.writeValueAsString(run), WorkflowRun.class).retry())
        .isNull();
  }

  @Test
  void aNodeRunWithRetainedNodesRoundTripsAndOneWithoutWritesNone() throws Exception {
    NodeRun plain =
        new NodeRun("wf", "argo", PLAN, Map.of(), "wf[0].a", "work", Map.of(), List.of(), T0, null);
    NodeRun retried =
        new NodeRun(
            "wf",
            "argo",
            PLAN,
            Map.of(),
            "wf[0].a",
            "work",
            Map.of(),
            List.of(),
            T0,
            null,
            null,
            null,
            List.of(KEPT));

    assertThat(MAPPER.readValue(MAPPER.writeValueAsString(retried), NodeRun.class))
        .isEqualTo(retried);
    assertThat(MAPPER.writeValueAsString(plain)).doesNotContain("retainedNodes");
    assertThat(retried.continued(null).retainedNodes()).containsExactly(KEPT);
  }
}
