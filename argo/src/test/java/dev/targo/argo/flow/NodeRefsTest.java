package dev.targo.argo.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.Parameter;
import dev.targo.argo.status.NodeOutputs;
import dev.targo.argo.status.NodePhase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeRefsTest {
  private static final Instant T = Instant.parse("2026-01-02T03:04:05.678Z");

  private static NodeResult node(NodePhase phase, String result, Parameter... params) {
    return new NodeResult(
        "wf-1",
        "wf[0].s",
        phase,
        null,
        T,
        T,
        "node-1",
        new NodeOutputs("0", result, List.of(params)),
        List.of(),
        null);
  }

  @Test
  void aFinishedNodeGivesItsIdStatusTimesHostExitCodeAndOutputs() {
    assertThat(NodeRefs.of("steps", "s", node(NodePhase.Succeeded, "hi", Parameter.of("p", "v"))))
        .containsExactly(
            Map.entry("steps.s.exitCode", "0"),
            Map.entry("steps.s.finishedAt", "2026-01-02T03:04:05Z"),
            Map.entry("steps.s.hostNodeName", "node-1"),
            Map.entry("steps.s.id", "wf-1"),
            Map.entry("steps.s.outputs.parameters.p", "v"),
            Map.entry("steps.s.outputs.result", "hi"),
            Map.entry("steps.s.startedAt", "2026-01-02T03:04:05Z"),
            Map.entry("steps.s.status", "Succeeded"));
  }

  @Test
  void loopOutputsAreJsonListsOfTheSucceededChildren() {
    List<NodeResult> children =
        List.of(
            node(NodePhase.Succeeded, "1", Parameter.of("p", "a")),
            node(NodePhase.Failed, "2", Parameter.of("p", "b")),
            node(NodePhase.Succeeded, "x y", Parameter.of("p", "{\"k\":1}")));

    assertThat(NodeRefs.aggregate("tasks", "t", children))
        .containsExactly(
            Map.entry("tasks.t.outputs.parameters", "[{\"p\":\"a\"},{\"p\":\"{\\\"k\\\":1}\"}]"),
            Map.entry("tasks.t.outputs.parameters.p", "[\"a\",\"{\\\"k\\\":1}\"]"),
            Map.entry("tasks.t.outputs.result", "[1,\"x y\"]"));
  }

  @Test
  void parameterValuesThatAreAllJsonObjectsAggregateAsJson() {
    assertThat(NodeRefs.valueList(List.of("{\"a\":1}", "[2]"))).isEqualTo("[{\"a\":1},[2]]");
  }
}
