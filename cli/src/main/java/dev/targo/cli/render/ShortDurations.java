package dev.targo.cli.render;

import java.time.Duration;

/**
 * Argo's short relative durations for the DURATION column ({@code humanize.RelativeDurationShort}):
 * only the largest unit, truncated: {@code 0s}, {@code 5s}, {@code 1m}, {@code 2h}, {@code 3d}.
 */
public final class ShortDurations {
  private ShortDurations() {}

  /** Formats {@code d} as Argo's DURATION column does. */
  public static String format(Duration d) {
    long s = Math.max(0, d.getSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return s / 60 + "m";
    }
    if (s < 86_400) {
      return s / 3600 + "h";
    }
    return s / 86_400 + "d";
  }
}
