package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PatienceTest {
  private final List<String> said = new ArrayList<>();

  @Test
  void anUnreachableServerIsTriedAgainUntilItAnswersAndSaidOnce() {
    AtomicInteger tries = new AtomicInteger();
    String connected =
        Patience.open(
            () -> {
              if (tries.incrementAndGet() < 4) {
                throw new UserError(ExitCodes.UNREACHABLE, "Temporal at x:7233 is unreachable");
              }
              return "connected";
            },
            Duration.ofSeconds(30),
            Duration.ofMillis(10),
            said::add);

    assertThat(connected).isEqualTo("connected");
    assertThat(tries).hasValue(4);
    assertThat(said)
        .containsExactly("Temporal at x:7233 is unreachable; trying again for up to 30 s");
  }

  @Test
  void theLastUnreachableErrorIsThrownOnceTheWaitIsOver() {
    AtomicInteger tries = new AtomicInteger();
    assertThatThrownBy(
            () ->
                Patience.open(
                    () -> {
                      tries.incrementAndGet();
                      throw new UserError(ExitCodes.UNREACHABLE, "unreachable");
                    },
                    Duration.ofMillis(200),
                    Duration.ofMillis(20),
                    said::add))
        .isInstanceOf(UserError.class)
        .hasMessage("unreachable");
    assertThat(tries.get()).isGreaterThan(2);
  }

  @Test
  void otherErrorsAndAZeroWaitEndAtOnce() {
    AtomicInteger tries = new AtomicInteger();
    assertThatThrownBy(
            () ->
                Patience.open(
                    () -> {
                      tries.incrementAndGet();
                      throw new UserError(ExitCodes.BAD_INPUT, "bad profile");
                    },
                    Duration.ofSeconds(30),
                    Duration.ofMillis(10),
                    said::add))
        .hasMessage("bad profile");
    assertThatThrownBy(
            () ->
                Patience.open(
                    () -> {
                      tries.incrementAndGet();
                      throw new UserError(ExitCodes.UNREACHABLE, "unreachable");
                    },
                    Duration.ZERO,
                    Duration.ofMillis(10),
                    said::add))
        .hasMessage("unreachable");
    assertThat(tries).hasValue(2);
    assertThat(said).isEmpty();
  }
}
