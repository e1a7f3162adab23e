package dev.targo.argo;

import java.time.Duration;

/**
 * Argo's {@code util/humanize.Duration} on top of go-humanize's {@code CustomRelTime}: the largest
 * unit that fits, truncated, then the remainder in the next smaller unit (always plural there).
 */
final class Humanizer {
  private Humanizer() {}

  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long WEEK = 7 * DAY;
  private static final long MONTH = 30 * DAY;
  private static final long YEAR = 12 * MONTH;
  private static final long LONG_TIME = 37 * YEAR;

  /** One row of go-humanize's magnitude table: below {@code limit}, print {@code format}. */
  private record Magnitude(long limit, String format, long divBy) {}

  private static final Magnitude[] MAGNITUDES = {
    new Magnitude(SECOND, "0 seconds", SECOND),
    new Magnitude(2 * SECOND, "1 second", 1),
    new Magnitude(MINUTE, "%d seconds", SECOND),
    new Magnitude(2 * MINUTE, "1 minute", 1),
    new Magnitude(HOUR, "%d minutes", MINUTE),
    new Magnitude(2 * HOUR, "1 hour", 1),
    new Magnitude(DAY, "%d hours", HOUR),
    new Magnitude(2 * DAY, "1 day", 1),
    new Magnitude(WEEK, "%d days", DAY),
    new Magnitude(2 * WEEK, "1 week", 1),
    new Magnitude(MONTH, "%d weeks", WEEK),
    new Magnitude(2 * MONTH, "1 month", 1),
    new Magnitude(YEAR, "%d months", MONTH),
    new Magnitude(18 * MONTH, "1 year", 1),
    new Magnitude(2 * YEAR, "2 years", 1),
    new Magnitude(LONG_TIME, "%d years", YEAR),
    new Magnitude(Long.MAX_VALUE, "a long while", 1),
  };

  static String duration(Duration d) {
    long nanos = saturatedNanos(d);
    double seconds = goSeconds(nanos);
    if (seconds < 60.0) {
      return truncated(nanos);
    }
    if (goMinutes(nanos) < 60.0) {
      return truncated(nanos) + " " + (long) (seconds % 60) + " seconds";
    }
    if (goHours(nanos) < 24.0) {
      return truncated(nanos) + " " + (long) (goMinutes(nanos) % 60) + " minutes";
    }
    return truncated(nanos) + " " + (long) (goHours(nanos) % 24) + " hours";
  }

  /** go-humanize's {@code CustomRelTime} with an empty label: the first row whose limit exceeds. */
  private static String truncated(long nanos) {
    long diff = nanos == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(nanos);
    Magnitude mag = MAGNITUDES[MAGNITUDES.length - 1];
    for (Magnitude m : MAGNITUDES) {
      if (m.limit() > diff) {
        mag = m;
        break;
      }
    }
    return mag.format().replace("%d", Long.toString(diff / mag.divBy()));
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  // Go's Duration.Seconds/Minutes/Hours split whole units from the remainder before converting.
  private static double goSeconds(long nanos) {
    return (double) (nanos / SECOND) + (double) (nanos % SECOND) / 1e9;
  }

  private static double goMinutes(long nanos) {
    return (double) (nanos / MINUTE) + (double) (nanos % MINUTE) / (60 * 1e9);
  }

  private static double goHours(long nanos) {
    return (double) (nanos / HOUR) + (double) (nanos % HOUR) / (60 * 60 * 1e9);
  }
}
