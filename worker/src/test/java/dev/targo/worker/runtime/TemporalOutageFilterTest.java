package dev.targo.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The filter on a logback context of its own, with a clock the test moves: what reaches the
 * appender when pollers report an unreachable server.
 */
class TemporalOutageFilterTest {
  private Instant now = Instant.parse("2026-05-04T10:00:00Z");
  private final LoggerContext context = new LoggerContext();
  private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private Logger poller;

  @BeforeEach
  void setUp() {
    Clock clock =
        new Clock() {
          @Override
          public Instant instant() {
            return now;
          }

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        };
    TemporalOutageFilter filter = new TemporalOutageFilter(clock);
    filter.address("temporal:7233");
    filter.start();
    context.addTurboFilter(filter);
    lines.setContext(context);
    lines.start();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(lines);
    poller = context.getLogger("io.temporal.internal.worker.BasePoller");
  }

  private static StatusRuntimeException unavailable() {
    return Status.UNAVAILABLE
        .withDescription("io exception")
        .withCause(new ConnectException("Connection refused"))
        .asRuntimeException();
  }

  private java.util.List<String> messages() {
    return lines.list.stream()
        .map(
            e ->
                e.getLevel()
                    + " "
                    + e.getFormattedMessage()
                    + (e.getThrowableProxy() == null ? "" : " +trace"))
        .toList();
  }

  @Test
  void manyFailedPollsBecomeOneLineWithoutAStackTrace() {
    for (int i = 0; i < 20; i++) {
      poller.warn("Failure in poller thread Workflow Poller: " + i, unavailable());
    }

    assertThat(messages())
        .containsExactly(
            "WARN cannot reach Temporal at temporal:7233: UNAVAILABLE (io exception); retrying");
  }

  @Test
  void theLineRepeatsOnceTheIntervalHasPassed() {
    poller.warn("Failure in poller thread", unavailable());
    now = now.plus(TemporalOutageFilter.INTERVAL).minus(Duration.ofSeconds(1));
    poller.warn("Failure in poller thread", unavailable());
    now = now.plus(Duration.ofSeconds(1));
    poller.warn("Failure in poller thread", unavailable());

    assertThat(messages()).hasSize(2);
  }

  @Test
  void aFailureGivenAsTheLastArgumentIsRecognisedToo() {
    poller.warn(
        "Failure in poller thread {}", "Activity Poller", new RuntimeException(unavailable()));

    assertThat(messages())
        .containsExactly(
            "WARN cannot reach Temporal at temporal:7233: UNAVAILABLE (io exception); retrying");
  }

  @Test
  void otherWarningsKeepTheirStackTrace() {
    poller.warn("Something else", new IllegalStateException("boom"));
    poller.warn("Refused", Status.NOT_FOUND.asRuntimeException());

    assertThat(messages()).containsExactly("WARN Something else +trace", "WARN Refused +trace");
  }
}
