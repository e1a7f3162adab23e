package dev.targo.translator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestTest {
  private static final List<String> FIELDS =
      List.of("retryStrategy", "container", "script", "inputs", "timeout", "name");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "retryStrtegy, retryStrategy",
    "contianer, container",
    "RetryStrategy, retryStrategy",
    "timout, timeout",
    "retry, retryStrategy",
    "input, inputs",
    "nmae, name",
    "scrpit, script",
  })
  void suggestsTheClosestFieldForATypo(String typed, String expected) {
    assertThat(Suggest.closest(typed, FIELDS)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"volumes", "xy", "sidecars"})
  void suggestsNothingWhenNoFieldIsClose(String typed) {
    assertThat(Suggest.didYouMean(typed, FIELDS)).isEmpty();
  }

  @ParameterizedTest(name = "{0} vs {1} = {2}")
  @CsvSource({"kitten, sitting, 3", "abc, abc, 0", "'', abc, 3", "flaw, lawn, 2"})
  void measuresLevenshteinDistance(String a, String b, int expected) {
    assertThat(Suggest.distance(a, b)).isEqualTo(expected);
  }
}
