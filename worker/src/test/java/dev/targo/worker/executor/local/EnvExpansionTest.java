package dev.targo.worker.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EnvExpansionTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "$(A)|a",
        "x$(A)y$(B)z|xaybz",
        "$(MISSING)|$(MISSING)",
        "$$(A)|$(A)",
        "$$|$",
        "$A|$A",
        "cost: 5$|cost: 5$",
        "$(A|$(A",
        "$()|$()",
      })
  void expandsAsTheKubeletDoes(String input, String expected) {
    assertThat(EnvExpansion.expand(input, Map.of("A", "a", "B", "b"))).isEqualTo(expected);
  }
}
