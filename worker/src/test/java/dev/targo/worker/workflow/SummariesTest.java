package dev.targo.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SummariesTest {

  @Test
  void attemptSummaryCountsFromOneOutOfLimitPlusOne() {
    assertThat(Summaries.attempt(2, 10, "retry-backoff", List.of("node-1", "node-2")))
        .isEqualTo("attempt 3/11 of retry-backoff, excluding [node-1, node-2]");
  }

  @Test
  void attemptSummaryWithoutLimitOrExclusions() {
    assertThat(Summaries.attempt(2, null, "retry-backoff", List.of()))
        .isEqualTo("attempt 3 of retry-backoff");
  }

  @Test
  void backoffSummaryNamesTheAttemptItPrecedes() {
    assertThat(Summaries.backoff(Duration.ofSeconds(4), 3))
        .isEqualTo("backoff 4s before attempt 4");
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
