package dev.targo.translator;

import java.util.Comparator;

/**
 * One problem with an input file, at a 1-based line and column. Codes are listed in the module's
 * {@code PROBLEMS.md}.
 *
 * @param file the file name as given to the translator
 * @param line 1-based line
 * @param column 1-based column
 * @param code the problem kind, such as {@code UNKNOWN_FIELD}
 * @param message what is wrong, in one sentence
 */
public record Problem(String file, int line, int column, String code, String message) {

  /** Report order: by line, then column, then code, then message. */
  public static final Comparator<Problem> ORDER =
      Comparator.comparingInt(Problem::line)
          .thenComparingInt(Problem::column)
          .thenComparing(Problem::code)
          .thenComparing(Problem::message);

  /** {@code file:line:col: CODE message}, the form compilers use, so editors can jump to it. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + code + " " + message;
  }
}
