package dev.targo.argo;

import dev.targo.argo.expr.Expr;
import dev.targo.argo.expr.ExprException;
import dev.targo.argo.plan.CronSpec;
import dev.targo.argo.plan.CronStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CronWorkflow's {@code stopStrategy.expression} (Argo 3.6, {@code workflow/cron/operator.go}
 * {@code checkStopingCondition}): an expr-lang expression over {@code cronworkflow.name}, {@code
 * .namespace}, {@code .succeeded} and {@code .failed}, evaluated with {@code EvalBool} after each
 * run has been counted; once it holds, no further run starts. Pure.
 *
 * <p>Argo's scope also has {@code cronworkflow.labels}, {@code .annotations} (and their {@code
 * Json} forms) and {@code .lastScheduledTime}; targo's expressions have no time values, and an
 * expression reading those is refused when the cron workflow is linted.
 */
public final class CronStopStrategy {
  private CronStopStrategy() {}

  /** The variables' prefix, Argo's {@code variablePrefix}. */
  static final String PREFIX = "cronworkflow.";

  /** The expression's scope for {@code cron} with counters {@code status}. */
  public static Map<String, Object> scope(CronSpec cron, CronStatus status) {
    Map<String, Object> scope = new LinkedHashMap<>();
    scope.put(PREFIX + "name", cron.name());
    scope.put(PREFIX + "namespace", cron.namespace() == null ? "" : cron.namespace());
    scope.put(PREFIX + "succeeded", status.succeeded());
    scope.put(PREFIX + "failed", status.failed());
    return scope;
  }

  /**
   * Checks {@code expression} as Argo compiles it, and each variable it reads against the scope:
   * throws {@link ExprException} when it does not parse or reads a variable the scope lacks (Argo
   * would find that only when a run ends, reading nil).
   */
  public static void check(String expression) {
    Map<String, Object> shape =
        scope(
            new CronSpec("", null, null, null, null, null, 0, 0, false, null, null),
            CronStatus.NONE);
    Expr expr = Expr.parse(expression);
    for (String variable : expr.identifiers()) {
      if (!shape.containsKey(variable)) {
        throw new ExprException(
            "unknown variable "
                + variable
                + " (a stop strategy reads "
                + String.join(", ", shape.keySet())
                + ")",
            expression.indexOf(variable) + 1);
      }
    }
    expr.check(shape);
  }

  /**
   * Whether {@code cron}'s stop strategy holds for {@code status}: false without one; throws {@link
   * ExprException} when it does not evaluate to a boolean.
   */
  public static boolean holds(CronSpec cron, CronStatus status) {
    if (cron.stopStrategy() == null) {
      return false;
    }
    return Expr.parse(cron.stopStrategy()).evaluateBool(scope(cron, status));
  }
}
