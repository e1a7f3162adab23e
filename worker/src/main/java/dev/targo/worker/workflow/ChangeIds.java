package dev.targo.worker.workflow;

import io.temporal.workflow.Workflow;

/**
 * The one registry of workflow change ids (docs/DESIGN.md §6.2). targo 0.1.0 is the first release:
 * its workflow code is the baseline every later run replays against, and it has no change id yet.
 *
 * <p>A later change to workflow code that is not replay-safe adds one constant here, with a comment
 * saying why it exists and when it can go (once no run started before it can still be running or be
 * replayed), asks {@link #isOn} at the place where the old and new code part, and records a history
 * for the new branch. No other class calls {@code Workflow.getVersion}: an architecture test keeps
 * it so.
 */
final class ChangeIds {
  private ChangeIds() {}

  /**
   * {@code ArgoAttempts} counts the attempts dropped from the status too (its {@code
   * omittedNodes}): before, it counted only the kept pod nodes and stopped near 100 for a node
   * retried for ever. Asked only once attempts were dropped, so runs that never drop any record no
   * marker. Can go once no run of 0.1.0 with more than 100 attempts can still be running.
   */
  static final String ATTEMPTS_COUNT_DROPPED = "attempts-count-dropped";

  /**
   * An attempt's times are kept to the second, as Argo keeps a node's ({@code metav1.Time}): {@code
   * lastRetry.duration} is then whole seconds, so {@code asInt(lastRetry.duration) < 60} in a
   * {@code retryStrategy.expression} evaluates instead of failing on {@code 2.345}. Before, the
   * times kept their milliseconds and a recorded run's expression saw a fraction. Asked at each
   * attempt's end. Can go once no run of 0.1.0 can still be running or be replayed.
   */
  static final String WHOLE_SECOND_ATTEMPTS = "whole-second-attempts";

  /**
   * {@code {{workflow.failures}}} is the {@code strconv.Quote}d Go JSON Argo substitutes ({@code
   * Failures.quoted}); before, it was the bare JSON list, which a {@code when} of a recorded exit
   * handler may have compared. Asked once, as the exit handler starts. Can go once no run of 0.1.0
   * can still be running or be replayed.
   */
  static final String QUOTED_WORKFLOW_FAILURES = "quoted-workflow-failures";

  /**
   * A Skipped or Omitted step or task leaves its template's declared output parameters in scope,
   * with their defaults or as absent optionals (Argo 4.1, {@code SkippedOutputs}); before, it left
   * none, and a reference to one stayed unresolved. Asked only where a skipped node's template
   * declares outputs. Can go once no run of 0.1.0 can still be running or be replayed.
   */
  static final String SKIPPED_OUTPUT_DEFAULTS = "skipped-output-defaults";

  /**
   * An {@code ArgoCronRun} counts its ended run in its schedule's status ({@code
   * CronActivities.count}, Argo's {@code status.succeeded}/{@code failed} for {@code
   * stopStrategy}); before, it went from the run straight to the history limits. Asked once, after
   * the run ends. Can go once no cron run of 0.1.0 can still be running or be replayed.
   */
  static final String CRON_RUN_COUNTS = "cron-run-counts";

  /**
   * Whether this run takes the new branch of change {@code id}: true for a run that reaches the
   * place first on code that knows the change, false for one recorded before it.
   */
  static boolean isOn(String id) {
    return Workflow.getVersion(id, Workflow.DEFAULT_VERSION, 1) != Workflow.DEFAULT_VERSION;
  }
}
