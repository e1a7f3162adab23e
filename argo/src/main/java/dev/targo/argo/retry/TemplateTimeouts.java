package dev.targo.argo.retry;

import dev.targo.argo.ArgoDurations;
import java.time.Duration;
import java.time.Instant;

/**
 * What a container or script template's {@code timeout} does to one attempt, as Argo's controller
 * does it (ARGO-SEMANTICS §8). Pure.
 *
 * <p>Argo creates the attempt's Pod node, then builds its pod a moment later ({@code
 * workflowpod.go}, {@code build}): the deadline is the node's start plus the timeout, and the pod's
 * {@code activeDeadlineSeconds} is the whole seconds left until it, truncated. As the build always
 * comes strictly after the node's start, a timeout of 30s gives 29 and one of 2s or less leaves "1
 * or less", which Argo refuses with {@code <node> exceeded its deadline} (the attempt ends Error).
 * targo plans the pod at the node's start, so it takes the whole seconds strictly below the time
 * left, which gives Argo's numbers. A node still Pending once the deadline has passed ends Failed
 * with {@code timeout} ({@code checkTemplateTimeouts}). The value is parsed after substitution with
 * Argo's {@code ParseStringToDuration}: a bare integer is seconds, otherwise Go duration syntax,
 * negative values included (they leave no time at all).
 */
public final class TemplateTimeouts {
  private TemplateTimeouts() {}

  /** Argo's message for a node still Pending when its timeout has passed ({@code ErrTimeout}). */
  public static final String PENDING_MESSAGE = "timeout";

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** The effect of a template's {@code timeout} on one attempt. */
  public sealed interface Effect {

    /**
     * The attempt runs under the timeout.
     *
     * @param activeDeadlineSeconds the pod's {@code activeDeadlineSeconds}, which replaces the
     *     template's own (Argo's pod builder always lets the timeout's value win)
     * @param pendingDeadline when the attempt ends Failed {@code timeout} if its pod is still
     *     Pending
     */
    record Bounded(long activeDeadlineSeconds, Instant pendingDeadline) implements Effect {}

    /**
     * No pod can be built: the attempt ends Error with {@code message} without running.
     *
     * @param message Argo's message
     */
    record Rejected(String message) implements Effect {}
  }

  /**
   * The effect of {@code timeout} (already substituted) on the attempt named {@code nodeName}
   * starting at {@code start}; null without a timeout.
   */
  public static Effect effect(String timeout, String nodeName, Instant start) {
    if (timeout == null || timeout.isEmpty()) {
      return null;
    }
    Duration duration;
    try {
      duration = parse(timeout);
    } catch (IllegalArgumentException e) {
      return new Effect.Rejected("invalid timeout format " + e.getMessage());
    }
    long nanos = duration.toNanos();
    long seconds = nanos > 0 ? (nanos - 1) / NANOS_PER_SECOND : 0;
    if (seconds <= 1) {
      return new Effect.Rejected(nodeName + " exceeded its deadline");
    }
    return new Effect.Bounded(seconds, start.plus(duration));
  }

  /**
   * When Argo 4.1's {@code pendingTimeout} (already substituted) ends an attempt starting at {@code
   * start} whose pod is still Pending ({@code checkTemplateTimeouts}): the attempt ends Failed with
   * {@link #PENDING_MESSAGE}, as for {@code timeout}; unlike {@code timeout} it sets no {@code
   * activeDeadlineSeconds}, so a pod that started runs as long as it needs. Null without one.
   *
   * @throws IllegalArgumentException Go's message when the value is not a duration
   */
  public static Instant pendingDeadline(String pendingTimeout, Instant start) {
    if (pendingTimeout == null || pendingTimeout.isEmpty()) {
      return null;
    }
    return start.plus(parse(pendingTimeout));
  }

  /**
   * Argo's {@code ParseStringToDuration}: as {@link ArgoDurations#parse}, but a negative value is a
   * valid (already passed) timeout rather than an error.
   */
  public static Duration parse(String text) {
    try {
      return ArgoDurations.parse(text);
    } catch (IllegalArgumentException e) {
      if (text.startsWith("-")) {
        try {
          return ArgoDurations.parse(text.substring(1)).negated();
        } catch (IllegalArgumentException ignored) {
          // Not a negated duration either: the message about the text as written stands.
        }
      }
      throw e;
    }
  }
}
