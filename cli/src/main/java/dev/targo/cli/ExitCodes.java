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
}
