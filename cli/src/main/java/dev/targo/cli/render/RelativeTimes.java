package dev.targo.cli.render;

import java.time.Duration;
import java.time.Instant;

/** go-humanize's {@code Time}: {@code now}, {@code 5 seconds ago}, {@code 1 hour from now}. */
final class RelativeTimes {
  private RelativeTimes() {}

  private static final long MINUTE = 60;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long WEEK = 7 * DAY;
  private static final long MONTH = 30 * DAY;
  private static final long YEAR = 12 * MONTH;

  static String ago(Instant then, Instant now) {
    long s = Duration.between(then, now).getSeconds();
    String suffix = s >= 0 ? "ago" : "from now";
    s = Math.abs(s);
    if (s < 1) {
      return "now";
    }
    String amount;
    if (s < 2) {
      amount = "1 second";
    } else if (s < MINUTE) {
      amount = s + " seconds";
    } else if (s < 2 * MINUTE) {
      amount = "1 minute";
    } else if (s < HOUR) {
      amount = s / MINUTE + " minutes";
    } else if (s < 2 * HOUR) {
      amount = "1 hour";
    } else if (s < DAY) {
      amount = s / HOUR + " hours";
    } else if (s < 2 * DAY) {
      amount = "1 day";
    } else if (s < WEEK) {
      amount = s / DAY + " days";
    } else if (s < 2 * WEEK) {
      amount = "1 week";
    } else if (s < MONTH) {
      amount = s / WEEK + " weeks";
    } else if (s < 2 * MONTH) {
      amount = "1 month";
    } else if (s < YEAR) {
      amount = s / MONTH + " months";
    } else {
      amount = s / YEAR + " years";
    }
    return amount + " " + suffix;
  }
}
