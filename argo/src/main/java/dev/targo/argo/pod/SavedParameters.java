package dev.targo.argo.pod;

/**
 * What Argo's executor makes of an output parameter it reads from a file ({@code
 * workflow/executor/executor.go} {@code SaveParameters}): the file's content, or {@code
 * valueFrom.default} when the file cannot be read, with exactly one trailing newline trimmed off
 * (Go's {@code strings.TrimSuffix(output, "\n")}) — from the default too, as Argo trims whichever
 * value it kept. Argo puts no size limit on the value; an attempt's parameters together must fit in
 * what its result can carry ({@link #MAX_TOTAL_BYTES}). Pure.
 */
public final class SavedParameters {
  private SavedParameters() {}

  /**
   * The most bytes an attempt's output parameters may hold together: 1 MiB. Argo keeps them in a
   * {@code WorkflowTaskResult} object, which etcd refuses above 1.5 MiB; targo returns them in the
   * attempt's activity result, which Temporal refuses above 2 MiB and which also holds the last 256
   * KiB of the log.
   */
  public static final int MAX_TOTAL_BYTES = 1024 * 1024;

  /** {@code value} with one trailing {@code \n} removed, as Argo saves it. */
  public static String saved(String value) {
    if (value == null) {
      return null;
    }
    return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
  }

  /** The message of an attempt whose parameters hold {@code bytes} bytes, over the limit. */
  public static String tooLarge(long bytes) {
    return "output parameters hold "
        + bytes
        + " bytes, more than the "
        + MAX_TOTAL_BYTES
        + " bytes (1 MiB) an attempt's result can carry";
  }
}
