package dev.targo.argo.flow;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The time variables of a workflow, as Argo's controller sets them: {@code
 * workflow.creationTimestamp} (RFC 3339), its {@code .s} (Unix seconds), {@code .RFC3339} and
 * strftime forms ({@code .Y}, {@code .m}, … — the characters of Argo's {@code util/strftime}), and
 * {@code workflow.duration}, the seconds since then as Go's {@code %f} ({@link GlobalVariables}
 * derives both where a template is substituted). A targo workflow is created when its first run
 * starts; like a Kubernetes timestamp, the time has whole seconds and is shown in UTC (the
 * controller's zone in its container). Pure.
 */
public final class WorkflowTimes {
  /** {@code workflow.creationTimestamp}. */
  public static final String CREATION = "workflow.creationTimestamp";

  /** {@code workflow.duration}. */
  public static final String DURATION = "workflow.duration";

  /** Argo's strftime characters and the Java pattern of each (Go's layout in the comment). */
  private static final Map<Character, String> STRFTIME = new LinkedHashMap<>();

  static {
    STRFTIME.put('B', "MMMM"); // January
    STRFTIME.put('b', "MMM"); // Jan
    STRFTIME.put('m', "MM"); // 01
    STRFTIME.put('A', "EEEE"); // Monday
    STRFTIME.put('a', "EEE"); // Mon
    STRFTIME.put('d', "dd"); // 02
    STRFTIME.put('H', "HH"); // 15
    STRFTIME.put('I', "hh"); // 03
    STRFTIME.put('M', "mm"); // 04
    STRFTIME.put('S', "ss"); // 05
    STRFTIME.put('Y', "uuuu"); // 2006
    STRFTIME.put('y', "uu"); // 06
    STRFTIME.put('p', "a"); // PM
    STRFTIME.put('Z', "'UTC'"); // MST, in UTC
    STRFTIME.put('z', "'+0000'"); // -0700, in UTC
    STRFTIME.put('L', "'.'SSS"); // .000
  }

  private WorkflowTimes() {}

  /**
   * Every {@code workflow.creationTimestamp*} variable of a workflow created at {@code created}.
   */
  public static SortedMap<String, String> creation(Instant created) {
    ZonedDateTime t = created.truncatedTo(ChronoUnit.SECONDS).atZone(ZoneOffset.UTC);
    String rfc3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
    SortedMap<String, String> vars = new TreeMap<>();
    vars.put(CREATION, rfc3339);
    vars.put(CREATION + ".RFC3339", rfc3339);
    vars.put(CREATION + ".s", Long.toString(t.toEpochSecond()));
    STRFTIME.forEach(
        (c, pattern) ->
            vars.put(
                CREATION + "." + c,
                DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).format(t)));
    return vars;
  }

  /** Go's {@code fmt.Sprintf("%f", seconds)} of the time from {@code start} to {@code now}. */
  static String duration(Instant start, Instant now) {
    double seconds = Duration.between(start, now).toNanos() / 1e9;
    return String.format(Locale.ROOT, "%f", Math.max(0, seconds));
  }
}
