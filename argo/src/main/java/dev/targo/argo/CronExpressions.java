package dev.targo.argo;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a cron schedule as Argo does, with {@code robfig/cron/v3}'s {@code ParseStandard}: five
 * fields (minute, hour, day of month, month, day of week) of {@code *}, {@code ?} (days only),
 * numbers, names ({@code JAN}, {@code MON}), ranges {@code a-b}, steps {@code /n} and lists, an
 * optional {@code TZ=}/{@code CRON_TZ=} prefix, or a descriptor ({@code @hourly}, {@code @daily},
 * {@code @every 1h30m}, …). Pure.
 */
public final class CronExpressions {
  private CronExpressions() {}

  private record Field(String name, int min, int max, Map<String, Integer> names) {}

  private static final Map<String, Integer> MONTHS =
      Map.ofEntries(
          Map.entry("jan", 1),
          Map.entry("feb", 2),
          Map.entry("mar", 3),
          Map.entry("apr", 4),
          Map.entry("may", 5),
          Map.entry("jun", 6),
          Map.entry("jul", 7),
          Map.entry("aug", 8),
          Map.entry("sep", 9),
          Map.entry("oct", 10),
          Map.entry("nov", 11),
          Map.entry("dec", 12));

  private static final Map<String, Integer> DAYS =
      Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4, "fri", 5, "sat", 6);

  private static final List<Field> FIELDS =
      List.of(
          new Field("minute", 0, 59, Map.of()),
          new Field("hour", 0, 23, Map.of()),
          new Field("day of month", 1, 31, Map.of()),
          new Field("month", 1, 12, MONTHS),
          new Field("day of week", 0, 6, DAYS));

  private static final List<String> DESCRIPTORS =
      List.of("@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly");

  /** The problem with {@code spec} in robfig's words, or null when it parses. */
  public static String problem(String spec) {
    String s = spec.strip();
    if (s.isEmpty()) {
      return "empty spec string";
    }
    if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
      int space = s.indexOf(' ');
      if (space < 0) {
        return "missing spec after timezone";
      }
      s = s.substring(space + 1).strip();
    }
    if (s.startsWith("@")) {
      if (DESCRIPTORS.contains(s)) {
        return null;
      }
      if (s.startsWith("@every ")) {
        try {
          ArgoDurations.parse(s.substring("@every ".length()).strip());
          return null;
        } catch (IllegalArgumentException e) {
          return "failed to parse duration " + s + ": " + e.getMessage();
        }
      }
      return "unrecognized descriptor: " + s;
    }
    String[] fields = s.split("\\s+");
    if (fields.length != FIELDS.size()) {
      return "expected exactly 5 fields, found " + fields.length + ": [" + s + "]";
    }
    for (int i = 0; i < fields.length; i++) {
      String problem = field(fields[i], FIELDS.get(i), i >= 2);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String field(String text, Field f, boolean questionMark) {
    for (String item : text.split(",", -1)) {
      String problem = item(item, f, questionMark);
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static String item(String item, Field f, boolean questionMark) {
    String[] stepped = item.split("/", -1);
    if (stepped.length > 2) {
      return "too many slashes: " + item;
    }
    String range = stepped[0];
    if (stepped.length == 2) {
      Integer step = number(stepped[1]);
      if (step == null) {
        return "failed to parse int from " + stepped[1];
      }
      if (step == 0) {
        return "step of range should be a positive number: " + item;
      }
    }
    if (range.equals("*") || (questionMark && range.equals("?"))) {
      return null;
    }
    String[] bounds = range.split("-", -1);
    if (bounds.length > 2) {
      return "too many hyphens: " + item;
    }
    Integer start = value(bounds[0], f);
    if (start == null) {
      return "failed to parse int from " + bounds[0];
    }
    Integer end = bounds.length == 2 ? value(bounds[1], f) : start;
    if (end == null) {
      return "failed to parse int from " + bounds[1];
    }
    if (start < f.min()) {
      return "beginning of range (" + start + ") below minimum (" + f.min() + "): " + item;
    }
    if (end > f.max()) {
      return "end of range (" + end + ") above maximum (" + f.max() + "): " + item;
    }
    if (start > end) {
      return "beginning of range (" + start + ") beyond end of range (" + end + "): " + item;
    }
    return null;
  }

  private static Integer value(String text, Field f) {
    Integer named = f.names().get(text.toLowerCase(Locale.ROOT));
    return named != null ? named : number(text);
  }

  private static Integer number(String text) {
    if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 9) {
      return null;
    }
    return Integer.parseInt(text);
  }
}
