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
}
