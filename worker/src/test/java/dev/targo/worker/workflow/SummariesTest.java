package dev.targo.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.status.NodePhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SummariesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void attemptSummaryCountsFromOneOutOfLimitPlusOne() {
    assertThat(Summaries.attempt(2, 10, "retry-backoff", List.of("node-1", "node-2")))
        .isEqualTo("attempt 3/11 of retry-backoff, excluding [node-1, node-2]");
  }

  @Test
  void attemptSummarySaysHowOnOomKilledGrewTheMemory() {
    assertThat(
            Summaries.attempt(
                1, 3, "big", List.of(), List.of(), null, "memory 64Mi→128Mi after OOMKilled"))
        .isEqualTo("attempt 2/4 of big, memory 64Mi→128Mi after OOMKilled");
  }

  @Test
  void attemptSummaryNamesTheClusterRightAfterTheTemplate() {
    assertThat(Summaries.attempt(1, 2, "train", "gpu-west", List.of("n-1"), List.of(), null, null))
        .isEqualTo("attempt 2/3 of train on gpu-west, excluding [n-1]");
    assertThat(Summaries.onCluster("delete pod p", "gpu-west"))
        .isEqualTo("delete pod p on gpu-west");
    assertThat(Summaries.onCluster("delete pod p", null)).isEqualTo("delete pod p");
  }

  @Test
  void backoffSummaryNamesTheTerminationReasonOfTheAttemptBefore() {
    AttemptOutcome oom =
        AttemptOutcome.ofPod(
                NodePhase.Failed,
                "main: OOMKilled (exit code 137)",
                137,
                null,
                T0,
                T0,
                "p",
                null,
                null)
            .withReason(AttemptOutcome.OOM_KILLED);
    assertThat(Summaries.backoff(Duration.ofSeconds(1), 1, oom))
        .isEqualTo("backoff 1s before attempt 2 — attempt 1 Failed (exit 137, OOMKilled)");
  }

  @Test
  void attemptSummaryWithoutLimitOrExclusions() {
    assertThat(Summaries.attempt(2, null, "retry-backoff", List.of()))
        .isEqualTo("attempt 3 of retry-backoff");
  }

  @Test
  void backoffSummaryNamesTheAttemptItPrecedesAndHowTheOneBeforeEnded() {
    AttemptOutcome failed =
        AttemptOutcome.ofPod(
            NodePhase.Failed, "main: Error (exit code 1)", 1, "node-2", T0, T0, "p", null, null);

    assertThat(Summaries.backoff(Duration.ofSeconds(4), 2, failed))
        .isEqualTo("backoff 4s before attempt 3 — attempt 2 Failed (exit 1) on node-2");
  }

  @Test
  void attemptSummaryNamesAvoidedHostsAfterExcludedOnes() {
    assertThat(Summaries.attempt(2, 3, "flaky", List.of("node-9"), List.of("node-1", "node-2")))
        .isEqualTo("attempt 3/4 of flaky, excluding [node-9], avoiding [node-1, node-2]");
  }

  @Test
  void backoffSummaryShowsTheJitterItAdded() {
    AttemptOutcome failed =
        AttemptOutcome.ofPod(NodePhase.Failed, "x", 1, "node-2", T0, T0, "p", null, null);
    assertThat(Summaries.backoff(Duration.ofMillis(4_300), Duration.ofMillis(300), 2, failed))
        .isEqualTo(
            "backoff 4.3s (jitter +300ms) before attempt 3 — attempt 2 Failed (exit 1) on node-2");
  }

  @Test
  void anAttemptWithoutExitCodeIsNamedByItsMessage() {
    assertThat(Summaries.outcome(1, AttemptOutcome.error("pod deleted", "p", T0)))
        .isEqualTo("attempt 1 Error: pod deleted");
    assertThat(Summaries.outcome(4, AttemptOutcome.ofNode(NodePhase.Failed, null, T0, T0)))
        .isEqualTo("attempt 4 Failed");
  }

  @ParameterizedTest
  @CsvSource({
    "PT0S, 0s",
    "PT0.5S, 500ms",
    "PT1S, 1s",
    "PT1.5S, 1.5s",
    "PT90S, 1m30s",
    "PT1H, 1h0m0s",
    "PT26H3M4S, 26h3m4s"
  })
  void durationsReadAsGoPrintsThem(Duration d, String text) {
    assertThat(Summaries.goDuration(d)).isEqualTo(text);
  }
}
