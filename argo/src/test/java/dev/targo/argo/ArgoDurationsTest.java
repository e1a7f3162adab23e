package dev.targo.argo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArgoDurationsTest {

  @ParameterizedTest(name = "{0} = {1} ns")
  @CsvSource({
    "0, 0",
    "1, 1000000000",
    "30, 30000000000",
    "+5, 5000000000",
    "007, 7000000000",
    "500ms, 500000000",
    "2m, 120000000000",
    "1h30m, 5400000000000",
    "1.5h, 5400000000000",
    "1.5s, 1500000000",
    ".5s, 500000000",
    "5.s, 5000000000",
    "1m0.25s, 60250000000",
    "10us, 10000",
    "10µs, 10000",
    "3ns, 3",
    "1d, 86400000000000",
    "1d12h, 129600000000000",
    "0s, 0",
  })
  void parsesArgoAndGoDurationSyntax(String text, long nanos) {
    assertThat(ArgoDurations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "1x|unable to parse 1x as a duration: time: unknown unit \"x\" in duration \"1x\"",
        "5m3|unable to parse 5m3 as a duration: time: missing unit in duration \"5m3\"",
        "abc|unable to parse abc as a duration: time: invalid duration \"abc\"",
        ".|unable to parse . as a duration: time: invalid duration \".\"",
        "-5|unable to parse -5 as a duration: negative durations are not allowed",
        "-1m|unable to parse -1m as a duration: negative durations are not allowed",
        "300000d|unable to parse 300000d as a duration: time: invalid duration \"300000d\"",
      })
  void rejectsWhatArgoRejectsWithItsMessage(String text, String message) {
    assertThatThrownBy(() -> ArgoDurations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @org.junit.jupiter.api.Test
  void rejectsAnEmptyDuration() {
    assertThatThrownBy(() -> ArgoDurations.parse(""))
        .hasMessage("unable to parse  as a duration: time: invalid duration \"\"");
  }

  @ParameterizedTest(name = "{0} ms = {1}")
  @CsvSource({
    "0, 0 seconds",
    "500, 0 seconds",
    "1000, 1 second",
    "1999, 1 second",
    "2000, 2 seconds",
    "4000, 4 seconds",
    "4700, 4 seconds",
    "59999, 59 seconds",
    "60000, 1 minute 0 seconds",
    "61000, 1 minute 1 seconds",
    "90000, 1 minute 30 seconds",
    "150500, 2 minutes 30 seconds",
    "3600000, 1 hour 0 minutes",
    "5400000, 1 hour 30 minutes",
    "7200000, 2 hours 0 minutes",
    "86400000, 1 day 0 hours",
    "90000000, 1 day 1 hours",
    "604800000, 1 week 0 hours",
    "1209600000, 2 weeks 0 hours",
    "2592000000, 1 month 0 hours",
  })
  void humanizesLikeArgo(long millis, String expected) {
    assertThat(ArgoDurations.humanize(Duration.ofMillis(millis))).isEqualTo(expected);
  }

  @org.junit.jupiter.api.Test
  void humanizesDurationsBeyondGoRangeAsALongWhile() {
    assertThat(ArgoDurations.humanize(Duration.ofSeconds(Long.MAX_VALUE)))
        .startsWith("a long while ");
  }
}
