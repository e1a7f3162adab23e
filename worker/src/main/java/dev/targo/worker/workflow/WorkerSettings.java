package dev.targo.worker.workflow;

import dev.targo.api.Names;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/**
 * How a worker runs attempts. The activity options separate Temporal's retries from Argo's
 * (docs/DESIGN.md §4): a retried activity is the same attempt (same pod name, adopted), so Temporal
 * may retry it without limit on infrastructure faults, while a pod that failed is a returned value
 * counted by Argo's rules.
 *
 * @param heartbeatTimeout how long an attempt may go without a heartbeat before Temporal considers
 *     its worker dead and retries the activity elsewhere
 * @param startToCloseTimeout the longest one activity call may take; pods can run for days
 * @param retryInitialInterval first wait before Temporal retries a faulted activity
 * @param retryMaximumInterval cap of the exponential wait between activity retries
 * @param transientErrorPattern the {@code TRANSIENT_ERROR_PATTERN} regex (Argo's controller env
 *     var), or null
 * @param defaultNamespace the namespace pods of a workflow that names none run in: the executor's
 *     (the kubeconfig's or service account's for {@code kubernetes}); recorded in the history of
 *     each workflow that uses it, so replays do not depend on the worker's configuration
 */
public record WorkerSettings(
    Duration heartbeatTimeout,
    Duration startToCloseTimeout,
    Duration retryInitialInterval,
    Duration retryMaximumInterval,
    String transientErrorPattern,
    String defaultNamespace) {

  /** Longest one pod-deletion call may take. */
  static final Duration DELETE_TIMEOUT = Duration.ofMinutes(2);

  /** Tries of a pod deletion in all before the workflow gives up on it. */
  static final int DELETE_ATTEMPTS = 10;

  /** Environment variable holding the extra transient-error regex, as in Argo's controller. */
  public static final String TRANSIENT_ERROR_PATTERN_ENV = "TRANSIENT_ERROR_PATTERN";

  /** Defaults, with the transient-error pattern read once from the environment. */
  public static WorkerSettings fromEnvironment() {
    return defaults(System.getenv(TRANSIENT_ERROR_PATTERN_ENV));
  }

  /**
   * 60 s heartbeat timeout (a dead worker is noticed within a minute), 30 days per call, activity
   * retries after 1 s doubling up to 1 min, for ever.
   */
  public static WorkerSettings defaults(String transientErrorPattern) {
    return new WorkerSettings(
        Duration.ofSeconds(60),
        Duration.ofDays(30),
        Duration.ofSeconds(1),
        Duration.ofMinutes(1),
        transientErrorPattern,
        Names.DEFAULT_NAMESPACE);
  }

  /** The same settings with pods of workflows that name no namespace in {@code namespace}. */
  public WorkerSettings withDefaultNamespace(String namespace) {
    return new WorkerSettings(
        heartbeatTimeout,
        startToCloseTimeout,
        retryInitialInterval,
        retryMaximumInterval,
        transientErrorPattern,
        namespace);
  }

  /** How often a running attempt heartbeats: well within the timeout. */
  public Duration heartbeatInterval() {
    return heartbeatTimeout.dividedBy(3);
  }

  /**
   * Options of one attempt's activity call. A cancelled call is waited for until it has ended: the
   * workflow deletes its pod at the same time, which ends it promptly.
   */
  public ActivityOptions attemptOptions(String summary) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(startToCloseTimeout)
        .setHeartbeatTimeout(heartbeatTimeout)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(retryInitialInterval)
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(retryMaximumInterval)
                .setMaximumAttempts(0)
                .build())
        .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
        .setSummary(summary)
        .build();
  }

  /**
   * Options of an http attempt's request: as long as its {@code timeoutSeconds} (10 minutes without
   * one) and half a minute more; retried by Temporal only when the worker sending it is lost (a
   * request that got no answer fails for good, as one try in Argo).
   */
  public ActivityOptions httpOptions(String summary, Long timeoutSeconds) {
    Duration request =
        timeoutSeconds == null ? Duration.ofMinutes(10) : Duration.ofSeconds(timeoutSeconds);
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(request.plusSeconds(30))
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(retryInitialInterval)
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(retryMaximumInterval)
                .setMaximumAttempts(0)
                .build())
        .setSummary(summary)
        .build();
  }

  /**
   * Options of a pod deletion: short calls (a delete is one API request, retried inside the
   * executor on transient errors), retried by Temporal with backoff for a few minutes; a deletion
   * that still fails leaves the pod behind rather than holding the workflow up for ever.
   */
  public ActivityOptions deleteOptions(String summary) {
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(DELETE_TIMEOUT)
        .setRetryOptions(
            RetryOptions.newBuilder()
                .setInitialInterval(retryInitialInterval)
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(retryMaximumInterval)
                .setMaximumAttempts(DELETE_ATTEMPTS)
                .build())
        .setSummary(summary)
        .build();
  }
}
