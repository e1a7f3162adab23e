package dev.targo.argo.flow;

import dev.targo.argo.TemplatingException;
import dev.targo.argo.retry.NodeSpec;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The display name a template's {@code workflows.argoproj.io/display-name} annotation gives the
 * node that invokes it (Argo's {@code executeTemplate}: the template processed with its arguments,
 * the workflow's variables and {@code pod.name}, then {@code GetDisplayName} checked against {@code
 * displayNameRegex} and set with {@code setNodeDisplayName}). Pure.
 */
public final class DisplayNames {
  private DisplayNames() {}

  /** Argo's {@code displayNameRegex}. */
  public static final Pattern VALID =
      Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9-.]{0,61}[a-zA-Z0-9]$");

  /** What the annotation gives a node. */
  public sealed interface Outcome {

    /** The node keeps the display name of its node name (no annotation, or an empty one). */
    record Default() implements Outcome {}

    /** The node's display name is {@code name}. */
    record Named(String name) implements Outcome {}

    /** The node ends Error without running, with Argo's {@code message}. */
    record Invalid(String message) implements Outcome {}
  }

  /** Argo's message for a display name that does not match {@link #VALID}. */
  public static final String INVALID_MESSAGE = "displayName must match the regex " + VALID;

  /** The display name of {@code node} at {@code now}. */
  public static Outcome of(NodeSpec node, Instant now) {
    if (node.template().displayName() == null) {
      return new Outcome.Default();
    }
    String name;
    try {
      name = ProcessedTemplates.of(node, now).displayName();
    } catch (TemplatingException e) {
      return new Outcome.Invalid(e.getMessage());
    }
    if (name == null) {
      return new Outcome.Default();
    }
    return VALID.matcher(name).matches()
        ? new Outcome.Named(name)
        : new Outcome.Invalid(INVALID_MESSAGE);
  }
}
