package dev.targo.argo;

import dev.targo.argo.plan.CronSpec;
import dev.targo.argo.plan.CronStatus;
import dev.targo.argo.when.When;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A CronWorkflow's {@code when} (Argo 3.6, {@code workflow/cron/operator.go} {@code evalWhen}):
 * evaluated at each scheduled time, the run is skipped when it is false. As in Argo, its {@code
 * {{cronworkflow.*}}} tags are substituted first ({@code name}, {@code namespace}, {@code
 * succeeded}, {@code failed}: the counts the run starts with), then the text is a govaluate
 * condition ({@link When}). Pure: the {@code ArgoCronRun} workflow calls it.
 *
 * <p>Argo's {@code cronworkflow.lastScheduledTime}, {@code labels} and {@code annotations} are not
 * provided, nor is {@code now()} in an expression tag: targo's expressions have no time values. A
 * {@code when} that reads them is refused when the cron workflow is linted.
 */
public final class CronWhen {
  private CronWhen() {}

  /** The substitution's variables for {@code cron} with counters {@code status}. */
  public static Map<String, String> variables(CronSpec cron, CronStatus status) {
    Map<String, String> vars = new LinkedHashMap<>();
    vars.put(CronStopStrategy.PREFIX + "name", cron.name());
    vars.put(
        CronStopStrategy.PREFIX + "namespace", cron.namespace() == null ? "" : cron.namespace());
    vars.put(CronStopStrategy.PREFIX + "succeeded", Long.toString(status.succeeded()));
    vars.put(CronStopStrategy.PREFIX + "failed", Long.toString(status.failed()));
    return vars;
  }

  /**
   * Whether the run of {@code cron} starts: true without a {@code when}.
   *
   * @throws RuntimeException ({@link dev.targo.argo.when.WhenException}, {@link
   *     TemplatingException}) with Argo's message when it cannot be evaluated
   */
  public static boolean shouldRun(CronSpec cron, CronStatus status) {
    if (cron.when() == null || cron.when().isEmpty()) {
      return true;
    }
    return When.shouldExecute(Templating.substitute(cron.when(), variables(cron, status)));
  }

  /**
   * The problem with {@code when}, or null: a tag naming a variable targo does not provide, or a
   * condition that does not parse once the tags are replaced.
   */
  public static String problem(String when) {
    Map<String, String> vars =
        variables(
            new CronSpec("name", null, null, null, null, null, 0, 0, false, null, null),
            CronStatus.NONE);
    for (String reference : Templating.references(when)) {
      if (reference.startsWith("=") || !vars.containsKey(reference)) {
        return "`{{"
            + reference
            + "}}` is not available: a cron workflow's `when` reads "
            + String.join(", ", vars.keySet().stream().map(v -> "{{" + v + "}}").toList())
            + " (targo's expressions have no time values for lastScheduledTime and now())";
      }
    }
    try {
      When.checkSyntax(Templating.substitute(when, vars));
      return null;
    } catch (RuntimeException e) {
      return e.getMessage();
    }
  }
}
