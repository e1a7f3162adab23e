package dev.targo.argo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.status.NodePhase;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetryVariablesTest {

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  private static AttemptOutcome failed(Integer exitCode, long durationMillis) {
    return AttemptOutcome.ofPod(
        NodePhase.Failed,
        "main: Error (exit code 1)",
        exitCode,
        "node-1",
        T0,
        T0.plusMillis(durationMillis),
        "wf-main-1",
        null,
        null);
  }

  @Test
  void attemptZeroGetsArgoDefaults() {
    assertThat(RetryVariables.forAttempt(0, null, "wf-main-123"))
        .containsExactly(
            Map.entry("retries", "0"),
            Map.entry("lastRetry.exitCode", "0"),
            Map.entry("lastRetry.status", ""),
            Map.entry("lastRetry.duration", "0"),
            Map.entry("lastRetry.message", ""),
            Map.entry("lastRetry.reason", ""),
            Map.entry("pod.name", "wf-main-123"));
  }

  @Test
  void laterAttemptsSeeThePreviousAttempt() {
    assertThat(RetryVariables.forAttempt(3, failed(2, 6500), "p"))
        .containsExactly(
            Map.entry("retries", "3"),
            Map.entry("lastRetry.exitCode", "2"),
            Map.entry("lastRetry.status", "Failed"),
            Map.entry("lastRetry.duration", "6.5"),
            Map.entry("lastRetry.message", "main: Error (exit code 1)"),
            Map.entry("lastRetry.reason", ""),
            Map.entry("pod.name", "p"));
  }

  @Test
  void missingExitCodeReadsZeroInTemplates() {
    assertThat(RetryVariables.forAttempt(1, failed(null, 6000), null))
        .containsEntry("lastRetry.exitCode", "0")
        .containsEntry("lastRetry.duration", "6")
        .doesNotContainKey("pod.name");
  }

  @Test
  void expressionScopeHoldsStringsOfTheAttemptThatJustFailed() {
    assertThat(RetryVariables.expressionScope(4, failed(137, 6000)))
        .containsExactly(
            Map.entry("retries", "4"),
            Map.entry("lastRetry.exitCode", "137"),
            Map.entry("lastRetry.status", "Failed"),
            Map.entry("lastRetry.duration", "6"),
            Map.entry("lastRetry.message", "main: Error (exit code 1)"),
            Map.entry("lastRetry.reason", ""));
  }

  @Test
  void lastRetryReasonIsTheTerminationReasonOfTheAttemptBefore() {
    AttemptOutcome oom = failed(137, 2000).withReason(AttemptOutcome.OOM_KILLED);
    assertThat(RetryVariables.forAttempt(1, oom, null))
        .containsEntry("lastRetry.reason", "OOMKilled")
        .containsEntry("lastRetry.exitCode", "137");
    assertThat(RetryVariables.expressionScope(0, oom))
        .containsEntry("lastRetry.reason", "OOMKilled");
  }

  @Test
  void missingExitCodeReadsMinusOneInTheExpressionScope() {
    assertThat(RetryVariables.expressionScope(0, failed(null, 1000)))
        .containsEntry("lastRetry.exitCode", "-1");
  }
}
