package dev.targo.argo;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;

/**
 * Argo duration strings ({@code backoff.duration}, {@code backoff.cap}, {@code
 * backoff.maxDuration}, template {@code timeout}): a bare integer is seconds, otherwise Go duration
 * syntax ({@code 500ms}, {@code 1h30m}, {@code 1.5h}); targo also accepts {@code d} (24h), which
 * Argo's docs promise but its parser rejects. Pure.
 */
public final class ArgoDurations {
  private ArgoDurations() {}

  /** Go's {@code time.Duration} holds at most this many nanoseconds; Argo rejects longer ones. */
  static final BigInteger MAX_NANOS = BigInteger.valueOf(Long.MAX_VALUE);

  /**
   * Parses {@code text}; throws {@link IllegalArgumentException} with Argo's message ({@code unable
   * to parse <s> as a duration: time: …}). Negative durations are rejected: no Argo duration field
   * gives them a meaning.
   */
  public static Duration parse(String text) {
    String s = text == null ? "" : text;
    BigInteger nanos;
    try {
      nanos = isAtoiInteger(s) ? new BigInteger(s).multiply(NANOS_PER_SECOND) : parseGo(s, true);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unable to parse " + s + " as a duration: " + e.getMessage(), e);
    }
    if (nanos.signum() < 0) {
      throw new IllegalArgumentException(
          "unable to parse " + s + " as a duration: negative durations are not allowed");
    }
    if (nanos.compareTo(MAX_NANOS) > 0) {
      throw new IllegalArgumentException(
          "unable to parse " + s + " as a duration: time: invalid duration " + GoFormat.quote(s));
    }
    return Duration.ofNanos(nanos.longValueExact());
  }

  /**
   * Go's own {@code time.ParseDuration}, which some Argo fields use without Argo's wrapper ({@code
   * memoize.maxAge}): a unit is required ({@code 10} is refused, {@code 0} is not), a sign is
   * allowed, there is no {@code d}. Throws {@link IllegalArgumentException} with Go's message
   * ({@code time: missing unit in duration "10"}).
   */
  public static Duration parseGoDuration(String text) {
    String s = text == null ? "" : text;
    BigInteger nanos = parseGo(s, false);
    if (nanos.abs().compareTo(MAX_NANOS) > 0) {
      throw invalid(s);
    }
    return Duration.ofNanos(nanos.longValueExact());
  }

  /**
   * Argo's humanized form ({@code util/humanize.Duration}), used in {@code Backoff for …}: {@code 4
   * seconds}, {@code 1 second}, {@code 0 seconds} (under one second), {@code 1 minute 30 seconds},
   * {@code 2 hours 0 minutes}, {@code 1 day 0 hours}. Durations beyond Go's range saturate at its
   * maximum.
   */
  public static String humanize(Duration d) {
    return Humanizer.duration(d);
  }

  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

  /** Go's {@code strconv.Atoi} accepts an optional sign followed by decimal digits. */
  private static boolean isAtoiInteger(String s) {
    int start = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    if (s.length() == start) {
      return false;
    }
    for (int i = start; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * Go's {@code time.ParseDuration} grammar, plus targo's {@code d} unit when {@code days}, in
   * exact arithmetic.
   */
  private static BigInteger parseGo(String orig, boolean days) {
    String s = orig;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return BigInteger.ZERO;
    }
    if (s.isEmpty()) {
      throw invalid(orig);
    }
    BigInteger total = BigInteger.ZERO;
    int i = 0;
    while (i < s.length()) {
      int intStart = i;
      while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      String whole = s.substring(intStart, i);
      String fraction = "";
      if (i < s.length() && s.charAt(i) == '.') {
        i++;
        int fracStart = i;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
          i++;
        }
        fraction = s.substring(fracStart, i);
      }
      if (whole.isEmpty() && fraction.isEmpty()) {
        throw invalid(orig); // no digits, as in ".s" or "s"
      }
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && (s.charAt(i) < '0' || s.charAt(i) > '9')) {
        i++;
      }
      String unit = s.substring(unitStart, i);
      if (unit.isEmpty()) {
        throw new IllegalArgumentException(
            "time: missing unit in duration " + GoFormat.quote(orig));
      }
      Long unitNanos = unit.equals("d") && !days ? null : unitNanos(unit);
      if (unitNanos == null) {
        throw new IllegalArgumentException(
            "time: unknown unit " + GoFormat.quote(unit) + " in duration " + GoFormat.quote(orig));
      }
      BigDecimal value = new BigDecimal((whole.isEmpty() ? "0" : whole) + "." + fraction + "0");
      total = total.add(value.multiply(BigDecimal.valueOf(unitNanos)).toBigInteger());
      if (total.compareTo(MAX_NANOS) > 0) {
        throw invalid(orig);
      }
    }
    return negative ? total.negate() : total;
  }

  private static Long unitNanos(String unit) {
    return switch (unit) {
      case "ns" -> 1L;
      case "us", "\u00b5s", "\u03bcs" -> 1_000L;
      case "ms" -> 1_000_000L;
      case "s" -> 1_000_000_000L;
      case "m" -> 60_000_000_000L;
      case "h" -> 3_600_000_000_000L;
      case "d" -> 86_400_000_000_000L; // targo: days, as Argo's docs promise
      default -> null;
    };
  }

  private static IllegalArgumentException invalid(String orig) {
    return new IllegalArgumentException("time: invalid duration " + GoFormat.quote(orig));
  }
}
