package dev.targo.argo.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.RetryPolicy;
import dev.targo.argo.RetryStrategy;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffsTest {

  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void windowEndIsFirstStartPlusMaxDuration() {
    RetryStrategy s =
        new RetryStrategy(
            null,
            RetryPolicy.Always,
            new RetryStrategy.Backoff(Duration.ofSeconds(1), null, null, Duration.ofMinutes(1)),
            false,
            null);
    assertThat(Backoffs.windowEnd(s, T0)).isEqualTo(T0.plusSeconds(60));
  }

  @Test
  void noWindowWithoutMaxDuration() {
    RetryStrategy s =
        new RetryStrategy(
            null,
            RetryPolicy.Always,
            new RetryStrategy.Backoff(Duration.ofSeconds(1), null, null, null),
            false,
            null);
    assertThat(Backoffs.windowEnd(s, T0)).isNull();
    assertThat(
            Backoffs.windowEnd(new RetryStrategy(null, RetryPolicy.Always, null, false, null), T0))
        .isNull();
  }

  @Test
  void zeroDurationNeverGrows() {
    RetryStrategy.Backoff b =
        new RetryStrategy.Backoff(Duration.ZERO, new BigDecimal("1000"), null, null);
    assertThat(Backoffs.delay(b, 1000)).isEqualTo(Duration.ZERO);
  }

  @Test
  void decimalFactorTruncatesToWholeNanoseconds() {
    RetryStrategy.Backoff b =
        new RetryStrategy.Backoff(Duration.ofNanos(3), new BigDecimal("1.5"), null, null);
    assertThat(Backoffs.delay(b, 3)).isEqualTo(Duration.ofNanos(6)); // 3 × 2.25 = 6.75
  }
}
