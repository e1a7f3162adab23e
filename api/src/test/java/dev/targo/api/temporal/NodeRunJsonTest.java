package dev.targo.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.targo.argo.Json;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.status.NodeOutputs;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeRunJsonTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final ObjectMapper MAPPER = Json.mapper();

  @Test
  void aNodeRunRoundTripsThroughThePayloadMapper() throws Exception {
    WorkflowPlan plan =
        new WorkflowPlan(
            "wf", null, null, Map.of(), Map.of(), "main", List.of(), Map.of(), null, null, null);
    NodeRun run =
        new NodeRun(
            "wf",
            "argo",
            plan,
            Map.of("workflow.name", "wf"),
            "wf[0].a(0:x)",
            "work",
            Map.of("inputs.parameters.p", "1"),
            List.of("node-1"),
            T0,
            null);

    assertThat(MAPPER.readValue(MAPPER.writeValueAsString(run), NodeRun.class)).isEqualTo(run);
  }

  @Test
  void aNodeRunResultRoundTripsThroughThePayloadMapper() throws Exception {
    NodeOutputs outputs = new NodeOutputs("0", "hi", List.of(Parameter.of("p", "v")));
    NodeStatus node =
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
            outputs,
            "wf-work-1");
    NodeRunResult result =
        new NodeRunResult(
            new NodeResult(
                "wf-1",
                "wf[0].a",
                NodePhase.Succeeded,
                null,
                T0,
                T0.plusSeconds(1),
                "node-1",
                outputs,
                List.of("node-2"),
                List.of("wf-1")),
            List.of(node),
            3,
            1);

    assertThat(MAPPER.readValue(MAPPER.writeValueAsString(result), NodeRunResult.class))
        .isEqualTo(result);
  }

  @Test
  void anOutcomeWithOutputParametersKeepsTheirOrder() throws Exception {
    Map<String, String> parameters = new java.util.LinkedHashMap<>();
    parameters.put("b", "2");
    parameters.put("a", "1");
    AttemptOutcome outcome =
        AttemptOutcome.ofPod(
            NodePhase.Succeeded, null, 0, "node-1", T0, T0, "pod", null, parameters);

    AttemptOutcome back =
        MAPPER.readValue(MAPPER.writeValueAsString(outcome), AttemptOutcome.class);

    assertThat(back).isEqualTo(outcome);
    assertThat(back.outputParameters().keySet()).containsExactly("b", "a");
  }
}
