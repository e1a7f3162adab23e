package dev.targo.argo.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.targo.argo.PodNames;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code {{workflow.failures}}} as Argo's {@code workflow/controller/operator.go} sets it: {@code
 * strconv.Quote(string(json.Marshal(failures)))}.
 */
class FailuresTest {
  private static NodeStatus node(String name, NodePhase phase, String message, Instant finished) {
    return new NodeStatus(
        PodNames.nodeId("wf", name),
        name,
        name.equals("wf") ? "wf" : name.substring(name.lastIndexOf('.') + 1),
        NodeType.Pod,
        "work",
        phase,
        message,
        Instant.parse("2026-01-02T03:04:00Z"),
        finished,
        null,
        List.of(),
        null,
        null);
  }

  @Test
  void isTheQuotedGoJsonOfEachFailedOrErrorNode() {
    List<NodeStatus> nodes =
        List.of(
            node("wf[0].ok", NodePhase.Succeeded, null, Instant.parse("2026-01-02T03:04:05Z")),
            node(
                "wf[0].bad",
                NodePhase.Failed,
                "exit <1> & \"done\"",
                Instant.parse("2026-01-02T03:04:05.678Z")),
            node("wf[0].lost", NodePhase.Error, null, null));

    String value = Failures.quoted("wf", nodes);

    String pod = PodNames.podName("wf", "wf[0].bad", "work");
    String lost = PodNames.podName("wf", "wf[0].lost", "work");
    assertThat(value)
        .isEqualTo(
            "\"[{\\\"displayName\\\":\\\"bad\\\",\\\"message\\\":\\\"exit \\\\u003c1\\\\u003e"
                + " \\\\u0026 \\\\\\\"done\\\\\\\"\\\",\\\"templateName\\\":\\\"work\\\","
                + "\\\"phase\\\":\\\"Failed\\\",\\\"podName\\\":\\\""
                + pod
                + "\\\",\\\"finishedAt\\\":\\\"2026-01-02T03:04:05Z\\\"},"
                + "{\\\"displayName\\\":\\\"lost\\\",\\\"message\\\":\\\"\\\","
                + "\\\"templateName\\\":\\\"work\\\",\\\"phase\\\":\\\"Error\\\",\\\"podName\\\":\\\""
                + lost
                + "\\\",\\\"finishedAt\\\":null}]\"");
  }

  @Test
  void decodedTwiceItIsTheListAsJson() throws Exception {
    ObjectMapper json = new ObjectMapper();
    String value =
        Failures.quoted("wf", List.of(node("wf[0].bad", NodePhase.Failed, "boom", Instant.EPOCH)));

    String once = json.readValue(value, String.class);

    assertThat(json.readTree(once).get(0).get("message").asText()).isEqualTo("boom");
    assertThat(json.readTree(once).get(0).get("finishedAt").asText())
        .isEqualTo("1970-01-01T00:00:00Z");
  }

  @Test
  void isQuotedNullWhenNothingFailed() {
    assertThat(Failures.quoted("wf", List.of(node("wf", NodePhase.Succeeded, null, Instant.EPOCH))))
        .isEqualTo("\"null\"");
  }
}
