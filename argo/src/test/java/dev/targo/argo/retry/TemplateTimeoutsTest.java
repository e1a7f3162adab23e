package dev.targo.argo.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.retry.TemplateTimeouts.Effect;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class TemplateTimeoutsTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final String NODE = "wf[0].sleep(1)";

  @ParameterizedTest(name = "timeout {0} gives the pod {1} s and a pending deadline {2} ms on")
  @CsvSource({
    // Argo truncates the time left at the build, which is always a moment after the node's start.
    "30s, 29, 30000",
    "30, 29, 30000",
    "2m, 119, 120000",
    "1.5h, 5399, 5400000",
    "1h30m, 5399, 5400000",
    "2500ms, 2, 2500",
    "3s, 2, 3000",
    "2001ms, 2, 2001",
    "+10s, 9, 10000",
    "1d, 86399, 86400000"
  })
  void aTimeoutBoundsThePodAndItsPendingTime(String timeout, long seconds, long pendingMillis) {
    assertThat(TemplateTimeouts.effect(timeout, NODE, START))
        .isEqualTo(new Effect.Bounded(seconds, START.plusMillis(pendingMillis)));
  }

  @ParameterizedTest(name = "timeout {0} leaves the pod no time")
  @CsvSource({"2s", "2", "2000ms", "1s", "1500ms", "0s", "0", "-5s", "-30", "1ns"})
  void aTimeoutOfTwoSecondsOrLessEndsTheAttemptErrorWithoutAPod(String timeout) {
    assertThat(TemplateTimeouts.effect(timeout, NODE, START))
        .isEqualTo(new Effect.Rejected("wf[0].sleep(1) exceeded its deadline"));
  }

  @ParameterizedTest(name = "timeout {0} is not a duration")
  @CsvSource(
      delimiter = '|',
      value = {
        "abc|invalid timeout format unable to parse abc as a duration: time: invalid duration"
            + " \"abc\"",
        "10 s|invalid timeout format unable to parse 10 s as a duration: time: unknown unit \" s\""
            + " in duration \"10 s\"",
        "-|invalid timeout format unable to parse - as a duration: time: invalid duration \"-\"",
        "--5s|invalid timeout format unable to parse --5s as a duration: time: invalid duration"
            + " \"--5s\"",
        "5x|invalid timeout format unable to parse 5x as a duration: time: unknown unit \"x\" in"
            + " duration \"5x\""
      })
  void aValueThatIsNotADurationEndsTheAttemptErrorWithArgosMessage(String timeout, String message) {
    assertThat(TemplateTimeouts.effect(timeout, NODE, START))
        .isEqualTo(new Effect.Rejected(message));
  }

  @ParameterizedTest
  @NullAndEmptySource
  void noTimeoutHasNoEffect(String timeout) {
    assertThat(TemplateTimeouts.effect(timeout, NODE, START)).isNull();
  }
}
