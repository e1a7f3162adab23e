package dev.targo.argo.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WaitsTest {
  private static final Instant FINISHED = Instant.parse("2026-01-01T00:00:10Z");

  @ParameterizedTest(name = "delay {0}, decided {1} after the attempt finished: wait {2}")
  @CsvSource({
    "PT4S, PT0S, PT4S",
    "PT4S, PT0.8S, PT4S",
    "PT4S, PT1.2S, PT3S",
    "PT4S, PT4S, PT0S",
    "PT4S, PT1H, PT0S",
    "PT4S, -PT2S, PT4S"
  })
  void waitsWhatIsLeftOfTheDelaySinceTheAttemptFinished(
      Duration delay, Duration sinceFinished, Duration expected) {
    assertThat(Waits.remaining(delay, FINISHED, FINISHED.plus(sinceFinished))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"PT4S", "PT0S"})
  void waitsTheWholeDelayWhenTheAttemptsEndIsUnknown(Duration delay) {
    assertThat(Waits.remaining(delay, null, FINISHED)).isEqualTo(delay);
  }
}
