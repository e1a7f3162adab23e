package dev.targo.translator;

import java.util.Comparator;

/**
 * One problem with an input file, at a 1-based line and column. Codes are listed in the module's
 * {@code PROBLEMS.md}. An error stops the file from running; a warning says that it will run, but
 * probably not as its author meant.
 *
 * @param file the file name as given to the translator
 * @param line 1-based line
 * @param column 1-based column
 * @param code the problem kind, such as {@code UNKNOWN_FIELD}
 * @param message what is wrong, in one sentence
 * @param severity error or warning
 */
public record Problem(
    String file, int line, int column, String code, String message, Severity severity) {

  /** Whether a problem stops the file from running. */
  public enum Severity {
    ERROR,
    WARNING
  }

  /** An error. */
  public Problem(String file, int line, int column, String code, String message) {
    this(file, line, column, code, message, Severity.ERROR);
  }

  public Problem {
    severity = severity == null ? Severity.ERROR : severity;
  }

  /** True for a warning: the file runs. */
  public boolean warning() {
    return severity == Severity.WARNING;
  }

  /** Report order: by line, then column, then code, then message. */
  public static final Comparator<Problem> ORDER =
      Comparator.comparingInt(Problem::line)
          .thenComparingInt(Problem::column)
          .thenComparing(Problem::code)
          .thenComparing(Problem::message);

  /**
   * {@code file:line:col: CODE message}, the form compilers use, so editors can jump to it; a
   * warning says so as compilers do: {@code file:line:col: warning: CODE message}.
   */
  @Override
  public String toString() {
    return file
        + ":"
        + line
        + ":"
        + column
        + ": "
        + (warning() ? "warning: " : "")
        + code
        + " "
        + message;
  }
}
