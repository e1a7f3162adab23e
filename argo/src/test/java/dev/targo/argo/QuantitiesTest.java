package dev.targo.argo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

  @ParameterizedTest(name = "{0} is {1} bytes")
  @CsvSource({
    "64Mi, 67108864",
    "1Gi, 1073741824",
    "1.5Gi, 1610612736",
    "2Ki, 2048",
    "1Ti, 1099511627776",
    "1Ei, 1152921504606846976",
    "500M, 500000000",
    "1k, 1000",
    "2G, 2000000000",
    "1e9, 1000000000",
    "1.0E9, 1000000000",
    "5e3, 5000",
    "134217728, 134217728",
    "1500m, 2",
    "0, 0",
    "'.5Ki', 512"
  })
  void readsKubernetesQuantitiesAsBytesRoundedUp(String text, long bytes) {
    assertThat(Quantities.bytes(text)).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "{0} is not a quantity")
  @ValueSource(strings = {"", "lots", "64MB", "64 Mi", "Mi", "1.2.3", "-1Gi", "10Ei"})
  void refusesWhatIsNotANonNegativeQuantityThatFits(String text) {
    assertThatThrownBy(() -> Quantities.bytes(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("quantity '" + text + "'");
  }

  @ParameterizedTest(name = "{0} bytes is {1}")
  @CsvSource({
    "134217728, 128Mi",
    "1073741824, 1Gi",
    "1610612736, 1536Mi",
    "3072, 3Ki",
    "1000000000, 1000000000",
    "1000, 1000",
    "0, 0",
    "17179869184, 16Gi"
  })
  void formatsWithTheLargestExactBinarySuffixElseBytes(long bytes, String text) {
    assertThat(Quantities.format(bytes)).isEqualTo(text);
  }
}
