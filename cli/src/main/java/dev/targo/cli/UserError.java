package dev.targo.cli;

/**
 * A mistake or condition the user can act on: printed as one line (no stack trace) and mapped to
 * its exit code by {@link Main}.
 */
public final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public UserError(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
