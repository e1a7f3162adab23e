package dev.targo.argo.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KeptAttemptsTest {

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("no attempt yet", List.of(), 0),
        Arguments.of("a few small attempts", List.of(3, 3, 3), 0),
        Arguments.of("99 finished: the next makes 100", Collections.nCopies(99, 3), 0),
        Arguments.of("100 finished: the oldest makes room", Collections.nCopies(100, 3), 1),
        Arguments.of("150 finished", Collections.nCopies(150, 3), 51),
        Arguments.of("exactly the node budget", List.of(400, 600), 0),
        Arguments.of("one node over the budget", List.of(400, 601), 1),
        Arguments.of("dropped until the rest fits", List.of(300, 300, 300, 300), 1),
        Arguments.of("the last attempt alone is over the budget", List.of(5, 2_000), 1),
        Arguments.of("the only attempt is always kept", List.of(5_000), 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void dropsTheOldestAttemptsBeyondTheBounds(String name, List<Integer> sizes, int dropped) {
    assertThat(KeptAttempts.toDrop(sizes)).isEqualTo(dropped);
  }
}
