package dev.targo.argo.retry;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Go's {@code time.Time.String()} of a UTC time, as Argo prints the workflow deadline: {@code
 * 2024-05-01 10:00:30 +0000 UTC}, with a fraction only when there is one (trailing zeros dropped).
 */
final class GoTime {
  private GoTime() {}

  static String format(Instant t) {
    ZonedDateTime z = t.atZone(ZoneOffset.UTC);
    StringBuilder out =
        new StringBuilder(
            String.format(
                "%04d-%02d-%02d %02d:%02d:%02d",
                z.getYear(),
                z.getMonthValue(),
                z.getDayOfMonth(),
                z.getHour(),
                z.getMinute(),
                z.getSecond()));
    if (z.getNano() != 0) {
      String fraction = String.format("%09d", z.getNano()).replaceAll("0+$", "");
      out.append('.').append(fraction);
    }
    return out.append(" +0000 UTC").toString();
  }
}
