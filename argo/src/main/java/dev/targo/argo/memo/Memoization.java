package dev.targo.argo.memo;

import dev.targo.argo.ArgoDurations;
import dev.targo.argo.TemplatingException;
import dev.targo.argo.flow.ProcessedTemplates;
import dev.targo.argo.plan.Memoize;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.retry.NodeSpec;
import dev.targo.argo.status.MemoizationStatus;
import dev.targo.argo.status.NodeOutputs;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Argo's memoization decisions ({@code workflow/controller/operator.go} {@code executeTemplate},
 * {@code workflow/controller/cache}). Pure: the workflow resolves the key here, asks an activity
 * for the entry, and decides here whether it is a hit.
 */
public final class Memoization {
  private Memoization() {}

  /** Argo's {@code cacheKeyRegex}: a key its cache accepts. */
  static final Pattern KEY = Pattern.compile("^[a-zA-Z0-9][-a-zA-Z0-9]*$");

  /** What a memoized node looks up, or why it cannot. */
  public sealed interface Lookup {

    /**
     * The node can look its key up.
     *
     * @param memoize the template's {@code memoize} after substitution
     */
    record Ready(Memoize memoize) implements Lookup {

      /** The node's {@code memoizationStatus} with {@code hit}. */
      public MemoizationStatus status(boolean hit) {
        return new MemoizationStatus(hit, memoize.key(), memoize.cache());
      }
    }

    /**
     * The node ends Error without running: {@code message} in Argo's words.
     *
     * @param message {@code invalid cache key: …}, {@code invalid maxAge: …}, or a failed {@code
     *     {{=…}}}
     */
    record Invalid(String message) implements Lookup {}
  }

  /**
   * The key node {@code node} looks up at {@code now}: its template's {@code memoize} substituted
   * as Argo's {@code ProcessArgs} substitutes the whole template (its inputs, the workflow's
   * variables, and {@code pod.name} for a container or script node without retries), then checked
   * as Argo's cache checks a key and its operator a {@code maxAge}.
   */
  public static Lookup prepare(NodeSpec node, Instant now) {
    Memoize memoize;
    try {
      memoize = ProcessedTemplates.of(node, now).memoize();
    } catch (TemplatingException e) {
      return new Lookup.Invalid(e.getMessage());
    }
    String key = memoize.key() == null ? "" : memoize.key();
    if (!KEY.matcher(key).matches()) {
      return new Lookup.Invalid("invalid cache key: " + key);
    }
    String problem = maxAgeProblem(memoize.maxAge());
    if (problem != null) {
      return new Lookup.Invalid(problem);
    }
    return new Lookup.Ready(new Memoize(key, memoize.maxAge(), memoize.cache()));
  }

  /**
   * Argo's message for a {@code maxAge} its operator cannot parse ({@code invalid maxAge: time:
   * invalid duration "x"}), or null when it parses or is empty (no limit).
   */
  public static String maxAgeProblem(String maxAge) {
    if (maxAge == null || maxAge.isEmpty()) {
      return null;
    }
    try {
      ArgoDurations.parseGoDuration(maxAge);
      return null;
    } catch (IllegalArgumentException e) {
      return "invalid maxAge: " + e.getMessage();
    }
  }

  /** Whether a key written in the YAML (without {@code {{…}}}) is one Argo's cache accepts. */
  public static boolean validKey(String key) {
    return key != null && KEY.matcher(key).matches();
  }

  /** Whether the entry found is used, and with which outputs. */
  public sealed interface Decision {

    /** The node succeeds at once with the entry's {@code outputs} (null: none), no pod runs. */
    record Hit(NodeOutputs outputs) implements Decision {}

    /** The node runs, and saves its outputs if it succeeds. */
    record Miss() implements Decision {}
  }

  /**
   * Argo's decision for the entry found under the key ({@code null}: none), at {@code now}: a hit
   * when the entry names its node and, with a {@code maxAge}, was saved at most that long ago
   * ({@code time.Since(creationTimestamp) > maxAge} expires it).
   *
   * @param maxAge the substituted {@code maxAge}, already checked by {@link #prepare}
   */
  public static Decision decide(CacheEntry entry, String maxAge, Instant now) {
    if (entry == null || !entry.hit()) {
      return new Decision.Miss();
    }
    if (maxAge != null && !maxAge.isEmpty()) {
      Duration limit = ArgoDurations.parseGoDuration(maxAge);
      Instant created = entry.creationTimestamp();
      if (created == null || Duration.between(created, now).compareTo(limit) > 0) {
        return new Decision.Miss();
      }
    }
    return new Decision.Hit(entry.outputs());
  }

  /**
   * Whether a node of this kind saves its outputs when it succeeds: Argo saves a pod's when the pod
   * has succeeded, a steps or DAG template's when its node has, and never a suspend node's (a
   * suspend node is looked up, but nothing saves it).
   */
  public static boolean saves(TemplateBody body) {
    return !(body instanceof TemplateBody.SuspendBody);
  }
}
