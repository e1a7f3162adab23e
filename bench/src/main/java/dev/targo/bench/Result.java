package dev.targo.bench;

/**
 * One measured figure of one scenario, as the table prints it and {@code latest.json} keeps it.
 *
 * @param scenario the scenario's number and short name, e.g. {@code 1 reaction (fake executor)}
 * @param metric what was measured, e.g. {@code reaction p50}
 * @param value the measured value, or null when the scenario could not run here
 * @param unit {@code ms}, {@code attempts/s}, {@code events}, …
 * @param target the target, or null where the figure is informative only
 * @param baseline the same figure through Temporal's native retries, where there is one
 * @param note how it was measured or why it was skipped, in a few words
 */
public record Result(
    String scenario,
    String metric,
    Double value,
    String unit,
    Target target,
    Double baseline,
    String note) {

  /** A figure with a target. */
  public static Result of(
      String scenario, String metric, double value, String unit, Target target) {
    return new Result(scenario, metric, value, unit, target, null, null);
  }

  /** A figure without a target (context for the others). */
  public static Result info(String scenario, String metric, double value, String unit) {
    return new Result(scenario, metric, value, unit, null, null, null);
  }

  /** A scenario or leg that did not run here, and why. */
  public static Result skipped(String scenario, String metric, Target target, String why) {
    return new Result(scenario, metric, null, null, target, null, why);
  }

  public Result withBaseline(double nativeValue) {
    return new Result(scenario, metric, value, unit, target, nativeValue, note);
  }

  public Result withNote(String text) {
    return new Result(scenario, metric, value, unit, target, baseline, text);
  }

  /** Whether the target is met; null without a target, false when nothing was measured. */
  public Boolean met() {
    if (target == null) {
      return null;
    }
    return value != null && target.metBy(value);
  }
}
