package dev.targo.api.temporal;

import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import io.temporal.failure.ApplicationFailure;
import java.util.Optional;

/**
 * How an Argo failure shows in Temporal, so that what users see tells the truth at a glance: an
 * attempt whose pod Failed or Errored ends its activity failed, a workflow or node that ends Failed
 * or Error ends its Temporal run failed — red in the Web UI, counted as failed by Temporal's
 * metrics and {@code ExecutionStatus="Failed"} queries. Each is a non-retryable {@link
 * ApplicationFailure} whose type is the Argo phase ({@code Failed} or {@code Error}), whose message
 * is Argo's, and whose details carry the value a success would have returned, so the workflow (for
 * an attempt or a child) and the clients (for a workflow) read the Argo outcome back unchanged.
 * Temporal's own retries are untouched by this: executor faults stay retryable failures of another
 * type.
 */
public final class ArgoFailures {
  private ArgoFailures() {}

  /** An attempt that Failed or Errored: {@code main: Error (exit code 1) on node-2}. */
  public static ApplicationFailure attempt(AttemptOutcome outcome) {
    String message = outcome.message() == null ? outcome.phase().name() : outcome.message();
    if (outcome.hostNodeName() != null && !outcome.hostNodeName().isBlank()) {
      message += " on " + outcome.hostNodeName();
    }
    return withoutStackTrace(
        ApplicationFailure.newNonRetryableFailure(message, outcome.phase().name(), outcome));
  }

  /** A workflow that ended Failed or Error, with its Argo status. */
  public static ApplicationFailure workflow(WorkflowStatus status) {
    return failure(status.phase(), status.message(), status);
  }

  /** A node's child workflow that ended Failed or Error, with what its parent needs. */
  public static ApplicationFailure node(NodeRunResult result) {
    return failure(result.node().phase(), result.node().message(), result);
  }

  /** True when {@code failure} is, or is caused by, an Argo outcome made by this class. */
  public static boolean isArgoOutcome(Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (c instanceof ApplicationFailure app && isArgoPhase(app.getType())) {
        return true;
      }
    }
    return false;
  }

  /** The outcome a failed attempt's activity carries, if {@code failure} is one. */
  public static Optional<AttemptOutcome> attemptOutcome(Throwable failure) {
    return details(failure, AttemptOutcome.class);
  }

  /** The Argo status a failed workflow carries, if {@code failure} is one. */
  public static Optional<WorkflowStatus> workflowStatus(Throwable failure) {
    return details(failure, WorkflowStatus.class);
  }

  /** The node result a failed child workflow carries, if {@code failure} is one. */
  public static Optional<NodeRunResult> nodeResult(Throwable failure) {
    return details(failure, NodeRunResult.class);
  }

  private static ApplicationFailure failure(NodePhase phase, String message, Object details) {
    return withoutStackTrace(
        ApplicationFailure.newNonRetryableFailure(
            message == null || message.isBlank() ? phase.name() : message, phase.name(), details));
  }

  /**
   * An Argo outcome is not a fault of targo's code: its Java stack trace would only be noise where
   * the Web UI shows the failure.
   */
  private static ApplicationFailure withoutStackTrace(ApplicationFailure failure) {
    failure.setStackTrace(new StackTraceElement[0]);
    return failure;
  }

  /**
   * The details of the Argo failure among {@code failure}'s causes (an activity's or child's
   * failure wraps it), read as {@code type}.
   */
  private static <T> Optional<T> details(Throwable failure, Class<T> type) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (c instanceof ApplicationFailure app && isArgoPhase(app.getType())) {
        return app.getDetails().getSize() == 0
            ? Optional.empty()
            : Optional.ofNullable(app.getDetails().get(0, type));
      }
    }
    return Optional.empty();
  }

  private static boolean isArgoPhase(String type) {
    return NodePhase.Failed.name().equals(type) || NodePhase.Error.name().equals(type);
  }
}
