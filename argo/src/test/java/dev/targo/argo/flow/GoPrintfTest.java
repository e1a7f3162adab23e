package dev.targo.argo.flow;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoPrintfTest {

  @ParameterizedTest(name = "{0} of {1} is {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "%d|5|5",
        "%02d|5|05",
        "%03d|-5|-05",
        "%4d|5|'   5'",
        "%-4d|5|'5   '",
        "%+d|5|+5",
        "%x|255|ff",
        "%X|255|FF",
        "%o|8|10",
        "%b|5|101",
        "%v|7|7",
        "testuser%02X|10|testuser0A",
        "100%%-%d|1|100%-1",
        "%s|5|%!s(int=5)",
        "%d-%d|5|5-%!d(MISSING)",
        "plain|5|plain%!(EXTRA int=5)",
      })
  void formatsLikeGo(String format, long value, String expected) {
    assertThat(GoPrintf.format(format, value)).isEqualTo(expected);
  }
}
