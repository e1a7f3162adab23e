package dev.targo.worker.runtime;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Marker;

/**
 * Turns the Temporal SDK's reports of a server that cannot be reached — each poller logs every
 * failed poll with a gRPC stack trace — into one line per condition ({@code UNAVAILABLE}, {@code
 * DEADLINE_EXCEEDED}, {@code CANCELLED}), repeated at most once per {@link #INTERVAL} while it
 * lasts. The SDK keeps retrying on its own; the line says so.
 */
public final class TemporalOutageFilter extends TurboFilter {
  /** How often one condition is reported while it lasts. */
  public static final Duration INTERVAL = Duration.ofSeconds(30);

  /** The logger the outage lines are written under (shown as {@code TemporalConnection}). */
  private static final String OWN_LOGGER = "dev.targo.worker.runtime.TemporalConnection";

  private final Clock clock;
  private final ConcurrentMap<Status.Code, Instant> reported = new ConcurrentHashMap<>();
  private volatile String address = "the configured address";

  public TemporalOutageFilter() {
    this(Clock.systemUTC());
  }

  public TemporalOutageFilter(Clock clock) {
    this.clock = clock;
  }

  /** Names the server in the lines from now on. */
  public void address(String address) {
    this.address = address;
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level == null
        || !level.isGreaterOrEqual(Level.WARN)
        || OWN_LOGGER.equals(logger.getName())) {
      return FilterReply.NEUTRAL;
    }
    Throwable thrown = t;
    if (thrown == null && params != null && params.length > 0) {
      thrown = params[params.length - 1] instanceof Throwable last ? last : null;
    }
    StatusRuntimeException grpc = connectionFailure(thrown);
    if (grpc == null) {
      return FilterReply.NEUTRAL;
    }
    Instant now = clock.instant();
    // Pollers fail together: only the thread whose compute() claims the slot reports it.
    boolean[] due = {false};
    reported.compute(
        grpc.getStatus().getCode(),
        (code, last) -> {
          if (last == null || !now.isBefore(last.plus(INTERVAL))) {
            due[0] = true;
            return now;
          }
          return last;
        });
    if (due[0]) {
      logger
          .getLoggerContext()
          .getLogger(OWN_LOGGER)
          .warn("{}; retrying", GrpcFailures.describe(address, grpc));
    }
    return FilterReply.DENY;
  }

  /** The gRPC failure in {@code thrown}'s causes that says the server is not there, or null. */
  private static StatusRuntimeException connectionFailure(Throwable thrown) {
    for (Throwable c = thrown; c != null; c = c.getCause()) {
      if (c instanceof StatusRuntimeException e
          && (GrpcFailures.isConnectionFailure(e)
              || e.getStatus().getCode() == Status.Code.CANCELLED)) {
        return e;
      }
    }
    return null;
  }
}
