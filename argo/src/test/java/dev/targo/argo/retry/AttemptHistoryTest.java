package dev.targo.argo.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.status.NodePhase;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptHistoryTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static AttemptOutcome outcome(NodePhase phase, String host) {
    return AttemptOutcome.ended(phase, null, "p", T0, T0).onHost(host);
  }

  @Test
  void collectsHostsOfFailedAndErroredAttemptsSortedOnce() {
    AttemptHistory history =
        AttemptHistory.NONE
            .record(outcome(NodePhase.Failed, "node-3"), T0)
            .record(outcome(NodePhase.Error, "node-1"), T0)
            .record(outcome(NodePhase.Failed, "node-3"), T0);

    assertThat(history.failedHosts()).containsExactly("node-1", "node-3");
    assertThat(history.attemptsSoFar()).isEqualTo(3);
  }

  @Test
  void neverExcludesAnAttemptThatWasNotScheduled() {
    AttemptHistory history =
        AttemptHistory.NONE
            .record(outcome(NodePhase.Error, null), T0)
            .record(outcome(NodePhase.Error, ""), T0);

    assertThat(history.failedHosts()).isEmpty();
  }

  @Test
  void succeededAttemptsHostIsNotExcluded() {
    assertThat(AttemptHistory.NONE.record(outcome(NodePhase.Succeeded, "node-1"), T0).failedHosts())
        .isEmpty();
  }

  @Test
  void windowStartsWhenTheFirstAttemptsNodeWasCreated() {
    AttemptOutcome last = outcome(NodePhase.Failed, "node-2");
    AttemptHistory history =
        AttemptHistory.NONE
            .record(outcome(NodePhase.Failed, "node-1"), T0)
            .record(last, T0.plusSeconds(9));

    assertThat(history.firstAttemptStartedAt()).isEqualTo(T0);
    assertThat(history.last()).isSameAs(last);
  }

  private static dev.targo.argo.RetryStrategy excludingWhere(String expression) {
    return new dev.targo.argo.RetryStrategy(
        3, dev.targo.argo.RetryPolicy.Always, null, true, null, null, null, null, null, expression);
  }

  @Test
  void anExclusionExpressionKeepsOnlyTheHostsOfTheFailuresItMatches() {
    String nodeFault =
        "lastRetry.reason in [\"OOMKilled\", \"Evicted\"] || lastRetry.exitCode == \"137\"";
    AttemptOutcome exit1 =
        AttemptOutcome.ofPod(
            NodePhase.Failed, "main: Error (exit code 1)", 1, "node-1", T0, T0, null, null, null);
    AttemptOutcome exit137 =
        AttemptOutcome.ofPod(
            NodePhase.Failed,
            "main: Error (exit code 137)",
            137,
            "node-2",
            T0,
            T0,
            null,
            null,
            null);
    AttemptOutcome oom = exit1.withReason(AttemptOutcome.OOM_KILLED).onHost("node-3");

    assertThat(AttemptHistory.excludedHost(exit1, excludingWhere(nodeFault), 0)).isEmpty();
    assertThat(AttemptHistory.excludedHost(exit137, excludingWhere(nodeFault), 0))
        .containsExactly("node-2");
    assertThat(AttemptHistory.excludedHost(oom, excludingWhere(nodeFault), 1))
        .containsExactly("node-3");
    // `retries` is the failed attempt's index, as in retryStrategy.expression.
    assertThat(AttemptHistory.excludedHost(exit1, excludingWhere("retries == \"2\""), 2))
        .containsExactly("node-1");
    assertThat(AttemptHistory.excludedHost(exit1, excludingWhere("retries == \"2\""), 1)).isEmpty();
    // Without an expression every failure's host counts, as in Argo; a succeeded one never does.
    assertThat(AttemptHistory.excludedHost(exit1, excludingWhere(null), 0))
        .containsExactly("node-1");
    assertThat(
            AttemptHistory.excludedHost(
                outcome(NodePhase.Succeeded, "node-1"), excludingWhere("true"), 0))
        .isEmpty();
  }

  @Test
  void anExclusionExpressionThatCannotBeEvaluatedStillExcludesTheHost() {
    AttemptOutcome failed = outcome(NodePhase.Failed, "node-4");

    assertThat(AttemptHistory.excludedHost(failed, excludingWhere("lastRetry.nope.x > 1"), 0))
        .containsExactly("node-4");
  }
}
