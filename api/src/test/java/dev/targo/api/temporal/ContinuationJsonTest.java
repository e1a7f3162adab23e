package dev.targo.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.Json;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.retry.AttemptHistory;
import dev.targo.argo.status.NodeOutputs;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContinuationJsonTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void roundTripsThroughThePayloadMapper() throws Exception {
    NodeStatus attempt =
        new NodeStatus(
            "wf-1",
            "wf(0)",
            "wf(0)",
            NodeType.Pod,
            "t",
            NodePhase.Failed,
            "main: Error (exit code 1)",
            T0,
            T0.plusSeconds(5),
            "node-1",
            List.of(),
            new NodeOutputs("1", null, List.of()),
            "wf-t-1");
    NodeStatus retry =
        new NodeStatus(
            "wf",
            "wf",
            "wf",
            NodeType.Retry,
            "t",
            NodePhase.Running,
            "Backoff for 1 second",
            T0,
            null,
            null,
            List.of("wf-1"),
            null,
            null);
    Continuation continuation =
        new Continuation(
            T0,
            "run-1",
            new AttemptHistory(
                1,
                T0,
                AttemptOutcome.ofPod(
                    NodePhase.Failed,
                    "main: Error (exit code 1)",
                    1,
                    "node-1",
                    T0,
                    T0.plusSeconds(5),
                    "wf-t-1",
                    null,
                    null),
                List.of("node-1")),
            retry,
            List.of(attempt),
            100,
            7);

    String json = Json.mapper().writeValueAsString(continuation);

    assertThat(Json.mapper().readValue(json, Continuation.class)).isEqualTo(continuation);
  }

  @Test
  void readsAPayloadWithFieldsItDoesNotKnow() throws Exception {
    String json =
        "{\"uid\":\"run-1\",\"attempts\":{\"attemptsSoFar\":3},\"omittedPods\":4,"
            + "\"addedLater\":true}";

    Continuation read = Json.mapper().readValue(json, Continuation.class);

    assertThat(read.uid()).isEqualTo("run-1");
    assertThat(read.attempts().attemptsSoFar()).isEqualTo(3);
    assertThat(read.attempts().failedHosts()).isEmpty();
    assertThat(read.omittedPods()).isEqualTo(4);
    assertThat(read.omittedSucceeded()).isZero();
  }
}
