package dev.targo.cli;

/** The one place where targo's exit codes are defined. */
public final class ExitCodes {
  private ExitCodes() {}

  /** The command did what was asked; with {@code run}/{@code --wait}: the workflow Succeeded. */
  public static final int OK = 0;

  /** The workflow ended Failed or Error. */
  public static final int WORKFLOW_FAILED = 1;

  /** Bad input: unreadable file, lint problems, bad flags. Nothing was started. */
  public static final int BAD_INPUT = 2;

  /** Temporal could not be reached. */
  public static final int UNREACHABLE = 3;

  /**
   * The one-line error for {@code ex}: a {@link UserError} itself, or a gRPC failure (possibly
   * wrapped by the Temporal client) that says Temporal cannot be reached (exit 3) or refused the
   * request (exit 2); null for anything else, which is a bug and keeps its stack trace.
   */
  static UserError userError(Throwable ex) {
    for (Throwable t = ex; t != null; t = t.getCause()) {
      if (t instanceof UserError user) {
        return user;
      }
      if (t instanceof io.grpc.StatusRuntimeException grpc) {
        return dev.targo.cli.connect.Unreachable.error("the configured address", grpc);
      }
    }
    return null;
  }
}
