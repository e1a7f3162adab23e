package dev.targo.argo.when;

/**
 * A {@code when} condition that cannot be parsed or evaluated. {@link #getMessage()} is the text
 * Argo puts in the node's message; {@link #problem()} is govaluate's own error alone, and {@link
 * #offset()} where in the condition it was found.
 */
public final class WhenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String problem;
  private final int offset;

  WhenException(String message, String problem, int offset) {
    super(message);
    this.problem = problem;
    this.offset = offset;
  }

  /** govaluate's error, without Argo's wrapping. */
  public String problem() {
    return problem;
  }

  /** The 0-based character offset in the condition the problem is about, or -1 if none. */
  public int offset() {
    return offset;
  }
}
