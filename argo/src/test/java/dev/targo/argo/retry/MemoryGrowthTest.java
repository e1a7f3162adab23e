package dev.targo.argo.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.RetryStrategy;
import dev.targo.argo.retry.MemoryGrowth.Memory;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The growth rule of {@code onOOMKilled.memory}, replayed from the number of OOMKilled attempts.
 */
class MemoryGrowthTest {
  private static final long MI = 1L << 20;

  private static RetryStrategy.MemoryGrowth rule(String factor, long maxMi) {
    return new RetryStrategy.MemoryGrowth(new BigDecimal(factor), maxMi * MI);
  }

  static Stream<Arguments> rows() {
    return Stream.of(
        // what, base (limit, request), rule, OOMKilled attempts so far, expected (limit, request)
        Arguments.of(
            "no OOM yet: the template's memory",
            new Memory(64 * MI, null),
            rule("2", 256),
            0,
            new Memory(64 * MI, null)),
        Arguments.of(
            "one OOM doubles",
            new Memory(64 * MI, null),
            rule("2", 256),
            1,
            new Memory(128 * MI, null)),
        Arguments.of(
            "two OOMs compound",
            new Memory(64 * MI, null),
            rule("2", 1024),
            2,
            new Memory(256 * MI, null)),
        Arguments.of(
            "a decimal factor compounds and rounds up to a byte",
            new Memory(100, null),
            rule("1.5", 1024),
            3,
            new Memory(338, null)),
        Arguments.of(
            "capped at max",
            new Memory(64 * MI, null),
            rule("2", 200),
            2,
            new Memory(200 * MI, null)),
        Arguments.of(
            "stays at max however many more OOMs",
            new Memory(64 * MI, null),
            rule("2", 200),
            9,
            new Memory(200 * MI, null)),
        Arguments.of(
            "a limit already above max is kept, not shrunk",
            new Memory(512 * MI, null),
            rule("2", 256),
            1,
            new Memory(512 * MI, null)),
        Arguments.of(
            "the request grows the same way",
            new Memory(64 * MI, 32 * MI),
            rule("2", 1024),
            2,
            new Memory(256 * MI, 128 * MI)),
        Arguments.of(
            "the request never passes the new limit",
            new Memory(64 * MI, 64 * MI),
            rule("3", 100),
            1,
            new Memory(100 * MI, 100 * MI)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rows")
  void growsTheMemoryByFactorPerOomKilledAttemptUpToMax(
      String what, Memory base, RetryStrategy.MemoryGrowth rule, int oomKilled, Memory expected) {
    assertThat(MemoryGrowth.grown(base, rule, oomKilled)).isEqualTo(expected);
  }
}
