package dev.targo.argo;

import dev.targo.argo.pod.AttemptOutcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Argo's retry variables (ARGO-SEMANTICS §5): the {@code {{…}}} values substituted into each
 * attempt's template, and the scope {@code retryStrategy.expression} is evaluated in. Pure.
 */
public final class RetryVariables {
  private RetryVariables() {}

  public static final String RETRIES = "retries";
  public static final String LAST_EXIT_CODE = "lastRetry.exitCode";
  public static final String LAST_STATUS = "lastRetry.status";
  public static final String LAST_DURATION = "lastRetry.duration";
  public static final String LAST_MESSAGE = "lastRetry.message";

  /**
   * A targo extension: the previous attempt's termination reason ({@code OOMKilled}, …; {@link
   * AttemptOutcome#reason}), empty when it has none. Argo has no such variable.
   */
  public static final String LAST_REASON = "lastRetry.reason";

  public static final String POD_NAME = "pod.name";

  /**
   * The variables for creating attempt {@code attempt} (0-based), as Argo's {@code executeTemplate}
   * sets them: on attempt 0 (no {@code previous}) exit code {@code 0}, status and message empty,
   * duration {@code 0}; later, the previous attempt's values, where a missing exit code still reads
   * {@code 0}. {@code lastRetry.reason} (targo) is empty on attempt 0 and when there is none.
   *
   * @param attempt index of the attempt being created
   * @param previous the attempt before it, or null for attempt 0
   * @param podName this attempt's pod name, or null when it has none
   */
  public static Map<String, String> forAttempt(
      int attempt, AttemptOutcome previous, String podName) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put(RETRIES, Integer.toString(attempt));
    vars.put(
        LAST_EXIT_CODE,
        previous == null || previous.exitCode() == null ? "0" : previous.exitCode().toString());
    vars.put(
        LAST_STATUS, previous == null || previous.phase() == null ? "" : previous.phase().name());
    vars.put(LAST_DURATION, previous == null ? "0" : duration(previous));
    vars.put(
        LAST_MESSAGE, previous == null || previous.message() == null ? "" : previous.message());
    vars.put(LAST_REASON, previous == null ? "" : reason(previous));
    if (podName != null) {
      vars.put(POD_NAME, podName);
    }
    return vars;
  }

  /**
   * The scope of {@code retryStrategy.expression} after attempt {@code attempt} finished, as Argo's
   * {@code buildRetryStrategyLocalScope} builds it: every value a string, {@code retries} the index
   * of that attempt, {@code lastRetry.exitCode} {@code -1} when the attempt has none.
   */
  public static Map<String, Object> expressionScope(int attempt, AttemptOutcome last) {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put(RETRIES, Integer.toString(attempt));
    scope.put(LAST_EXIT_CODE, last.exitCode() == null ? "-1" : last.exitCode().toString());
    scope.put(LAST_STATUS, last.phase() == null ? "" : last.phase().name());
    scope.put(LAST_DURATION, duration(last));
    scope.put(LAST_MESSAGE, last.message() == null ? "" : last.message());
    scope.put(LAST_REASON, reason(last));
    return scope;
  }

  private static String reason(AttemptOutcome a) {
    return a.reason() == null ? "" : a.reason();
  }

  /** Go's {@code fmt.Sprint(node.GetDuration().Seconds())}: 0 until the attempt has finished. */
  private static String duration(AttemptOutcome a) {
    if (a.startedAt() == null || a.finishedAt() == null) {
      return "0";
    }
    return GoFormat.float64(GoFormat.seconds(Duration.between(a.startedAt(), a.finishedAt())));
  }
}
