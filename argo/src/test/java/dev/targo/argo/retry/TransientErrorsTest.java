package dev.targo.argo.retry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransientErrorsTest {

  static java.util.List<String> substrings() {
    return TransientErrors.SUBSTRINGS;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("substrings")
  void everyArgoSubstringIsTransientInsideALongerMessage(String s) {
    assertThat(TransientErrors.isTransient("create pod: " + s + " (retry later)", null)).isTrue();
  }

  @Test
  void argoListHasSeventeenEntries() {
    assertThat(TransientErrors.SUBSTRINGS).hasSize(17);
  }

  @Test
  void ordinaryFailuresAreNotTransient() {
    assertThat(TransientErrors.isTransient("main: Error (exit code 1)", null)).isFalse();
  }

  @Test
  void plainConnectionRefusedIsNotTransientAsInArgosCode() {
    assertThat(TransientErrors.isTransient("connection refused", null)).isFalse();
    assertThat(TransientErrors.isTransient("dial tcp: connect: connection refused", null)).isTrue();
  }

  @Test
  void matchingIsCaseSensitive() {
    assertThat(TransientErrors.isTransient("I/O TIMEOUT", null)).isFalse();
  }

  @Test
  void extraPatternMatchesAnywhere() {
    assertThat(TransientErrors.isTransient("main: OOMKilled (exit code 137)", "OOMKilled"))
        .isTrue();
    assertThat(TransientErrors.isTransient("main: Error (exit code 1)", "exit code 1[0-9]"))
        .isFalse();
  }

  @Test
  void invalidExtraPatternIsIgnored() {
    assertThat(TransientErrors.isTransient("anything (", "(")).isFalse();
    assertThat(TransientErrors.isTransient("i/o timeout", "(")).isTrue();
  }

  @Test
  void emptyPatternIsNoPattern() {
    assertThat(TransientErrors.isTransient("x", "")).isFalse();
  }

  @Test
  void missingMessageIsTheEmptyString() {
    assertThat(TransientErrors.isTransient(null, null)).isFalse();
    assertThat(TransientErrors.isTransient(null, "^$")).isTrue();
  }
}
