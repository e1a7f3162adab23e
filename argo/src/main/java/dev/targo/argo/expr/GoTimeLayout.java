package dev.targo.argo.expr;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/**
 * Go's {@code time.Format} with a reference-time layout ({@code 2006-01-02T15:04:05Z07:00}), in
 * UTC: what sprig's {@code date} prints. The layout elements are Go's {@code std*} chunks; any
 * other text is copied. Pure.
 */
final class GoTimeLayout {
  private GoTimeLayout() {}

  /** Longest first, as Go's {@code nextStdChunk} matches them. */
  private static final List<String> CHUNKS =
      List.of(
          "January",
          "Monday",
          "2006",
          "Z07:00:00",
          "-07:00:00",
          "Z07:00",
          "-07:00",
          "Z0700",
          "-0700",
          "Jan",
          "Mon",
          "MST",
          "002",
          "__2",
          ".000000000",
          ".000000",
          ".000",
          ".999999999",
          ".999999",
          ".999",
          "01",
          "02",
          "03",
          "04",
          "05",
          "06",
          "15",
          "PM",
          "pm",
          "_2",
          "Z07",
          "-07",
          "1",
          "2",
          "3",
          "4",
          "5");

  static String format(String layout, Instant instant) {
    ZonedDateTime t = instant.atZone(ZoneOffset.UTC);
    StringBuilder out = new StringBuilder();
    int i = 0;
    outer:
    while (i < layout.length()) {
      for (String chunk : CHUNKS) {
        if (layout.startsWith(chunk, i)) {
          out.append(element(chunk, t));
          i += chunk.length();
          continue outer;
        }
      }
      out.append(layout.charAt(i++));
    }
    return out.toString();
  }

  private static String element(String chunk, ZonedDateTime t) {
    int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
    return switch (chunk) {
      case "January" -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case "Jan" -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case "Monday" -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
      case "Mon" -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
      case "2006" -> String.format("%04d", t.getYear());
      case "06" -> String.format("%02d", t.getYear() % 100);
      case "01" -> String.format("%02d", t.getMonthValue());
      case "1" -> Integer.toString(t.getMonthValue());
      case "02" -> String.format("%02d", t.getDayOfMonth());
      case "_2" -> String.format("%2d", t.getDayOfMonth());
      case "2" -> Integer.toString(t.getDayOfMonth());
      case "002" -> String.format("%03d", t.getDayOfYear());
      case "__2" -> String.format("%3d", t.getDayOfYear());
      case "15" -> String.format("%02d", t.getHour());
      case "03" -> String.format("%02d", hour12);
      case "3" -> Integer.toString(hour12);
      case "04" -> String.format("%02d", t.getMinute());
      case "4" -> Integer.toString(t.getMinute());
      case "05" -> String.format("%02d", t.getSecond());
      case "5" -> Integer.toString(t.getSecond());
      case "PM" -> t.getHour() >= 12 ? "PM" : "AM";
      case "pm" -> t.getHour() >= 12 ? "pm" : "am";
      case "MST" -> "UTC";
      case "Z07:00:00", "Z07:00", "Z0700", "Z07" -> "Z";
      case "-07:00:00" -> "+00:00:00";
      case "-07:00" -> "+00:00";
      case "-0700" -> "+0000";
      case "-07" -> "+00";
      default -> fraction(chunk, t.getNano());
    };
  }

  /** {@code .000} keeps its digits; {@code .999} drops trailing zeros, and the dot with them. */
  private static String fraction(String chunk, int nanos) {
    int digits = chunk.length() - 1;
    String all = String.format("%09d", nanos).substring(0, digits);
    if (chunk.charAt(1) == '0') {
      return "." + all;
    }
    String trimmed = all.replaceFirst("0+$", "");
    return trimmed.isEmpty() ? "" : "." + trimmed;
  }
}
