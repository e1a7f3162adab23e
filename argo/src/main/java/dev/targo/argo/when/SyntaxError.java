package dev.targo.argo.when;

/**
 * govaluate's error while reading a condition, with where it was found; {@link When} wraps it in
 * Argo's message.
 */
final class SyntaxError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int offset;

  SyntaxError(String problem, int offset) {
    super(problem, null, false, false);
    this.offset = offset;
  }
}
