package dev.targo.argo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoFormatTest {

  // Expected values are what Go's fmt.Sprint(float64) prints.
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "0.0, 0",
    "6.0, 6",
    "6.5, 6.5",
    "120.0, 120",
    "0.001, 0.001",
    "0.0001, 0.0001",
    "0.00001, 1e-05",
    "123456.0, 123456",
    "1000000.0, 1e+06",
    "1234567.0, 1.234567e+06",
    "-2.5, -2.5",
    "1.0E21, 1e+21",
    "0.1, 0.1",
  })
  void formatsFloatsLikeGoSprint(double value, String expected) {
    assertThat(GoFormat.float64(value)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} ms -> {1}")
  @CsvSource({"6000, 6.0", "6500, 6.5", "1, 0.001", "0, 0.0"})
  void convertsDurationsToSecondsLikeGo(long millis, double seconds) {
    assertThat(GoFormat.seconds(Duration.ofMillis(millis))).isEqualTo(seconds);
  }

  /** Outputs of Go's {@code strconv.Quote}, one escaping rule each. */
  @ParameterizedTest(name = "[{0}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "null|\"null\"",
        "[{\"a\":\"b\"}]|\"[{\\\"a\\\":\\\"b\\\"}]\"",
        "back\\slash|\"back\\\\slash\"",
        "héllo ☺ 😀|\"héllo ☺ 😀\""
      })
  void quotesLikeGoStrconvQuote(String in, String quoted) {
    assertThat(GoFormat.quote(in)).isEqualTo(quoted);
  }

  @org.junit.jupiter.api.Test
  void quotesControlsAndUnprintableCharactersAsGoEscapesThem() {
    assertThat(GoFormat.quote("a\tb\nc\u0000\u007f\u0007\u000b"))
        .isEqualTo("\"a\\tb\\nc\\x00\\x7f\\a\\v\"");
    // Zero-width space (format), no-break space (a separator other than ' '), private use.
    assertThat(GoFormat.quote("\u200b\u00a0\ue000")).isEqualTo("\"\\u200b\\u00a0\\ue000\"");
  }
}
