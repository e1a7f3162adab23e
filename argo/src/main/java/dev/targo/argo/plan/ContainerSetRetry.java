package dev.targo.argo.plan;

/**
 * Argo's {@code containerSet.retryStrategy} as written (Argo's {@code ContainerSetRetryStrategy}):
 * a failing container's command is run again in place, inside the same pod, as Argo's emissary
 * does; no new pod, no new node. Strings, so that {@code {{…}}} survive until the attempt.
 *
 * @param retries {@code retries} (an int-or-string): how many times in all the emissary runs a
 *     failing command (Argo's {@code wait.Backoff.Steps}), or null
 * @param duration {@code duration} (a Go duration such as {@code 5s}): the wait between two runs,
 *     or null for none
 */
public record ContainerSetRetry(String retries, String duration) {}
