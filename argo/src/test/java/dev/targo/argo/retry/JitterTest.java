package dev.targo.argo.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** targo's {@code backoff.jitter} ({@link Backoffs#jitter}): bounded, deterministic, spread. */
class JitterTest {

  /**
   * Pinned values: a change of the hash would change the timers of running workflows on replay, so
   * it must show up here first.
   */
  @ParameterizedTest(name = "{0} s × {1}, {2} after {3} attempts: + {4} ms")
  @CsvSource({
    "10, 0.5, wf/wf.a, 1, 1768",
    "10, 0.5, wf/wf.a, 2, 2537",
    "10, 0.5, wf/wf.a, 3, 1449",
    "10, 0.5, wf/wf.b, 1, 4908",
    "1,  0.2, retry-jitter, 1, 50",
    "2,  0.2, retry-jitter, 2, 58",
  })
  void addsADeterministicShareOfTheWait(
      long seconds, String jitter, String key, int attempts, long millis) {
    assertThat(Backoffs.jitter(Duration.ofSeconds(seconds), new BigDecimal(jitter), key, attempts))
        .isEqualTo(Duration.ofMillis(millis));
  }

  @Test
  void addsNothingWithoutJitterOrWithoutAWait() {
    assertThat(Backoffs.jitter(Duration.ofSeconds(10), null, "k", 1)).isZero();
    assertThat(Backoffs.jitter(Duration.ofSeconds(10), BigDecimal.ZERO, "k", 1)).isZero();
    assertThat(Backoffs.jitter(Duration.ZERO, BigDecimal.ONE, "k", 1)).isZero();
  }

  @Test
  void aSaturatedWaitStaysAtGosLargestDuration() {
    assertThat(Backoffs.jitter(Backoffs.MAX, BigDecimal.ONE, "k", 1)).isZero();
    Duration nearlyMax = Backoffs.MAX.minusSeconds(1);
    assertThat(nearlyMax.plus(Backoffs.jitter(nearlyMax, BigDecimal.ONE, "k", 1)))
        .isLessThanOrEqualTo(Backoffs.MAX);
  }

  @Test
  void aHundredNodesThatFailedTogetherReturnSpreadOverTheWholeJitterRange() {
    Duration wait = Duration.ofSeconds(10);
    List<Long> extras =
        IntStream.range(0, 100)
            .mapToObj(i -> Backoffs.jitter(wait, new BigDecimal("0.5"), "wf/wf.fan(" + i + ")", 1))
            .map(Duration::toMillis)
            .toList();

    assertThat(extras).allMatch(ms -> ms >= 0 && ms < 5_000);
    assertThat(extras.stream().distinct().count()).isGreaterThanOrEqualTo(95);
    // Every fifth of the range gets some of them: no herd left at one instant.
    for (long fifth = 0; fifth < 5; fifth++) {
      long from = fifth * 1_000;
      assertThat(extras).anyMatch(ms -> ms >= from && ms < from + 1_000);
    }
  }

  @Test
  void theUnitIntervalIsHalfOpen() {
    for (int i = 0; i < 1_000; i++) {
      assertThat(Backoffs.unitInterval("k" + i)).isGreaterThanOrEqualTo(0).isLessThan(1);
    }
  }
}
