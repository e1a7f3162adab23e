package dev.targo.argo.expr;

/**
 * A syntax, type or evaluation error in an expr-lang expression. {@link #getMessage()} is the bare
 * problem; {@link #argoText()} is the whole text Argo puts in a node's message for it.
 */
public final class ExprException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int column;
  private final int line;
  private final String argoText;

  /**
   * @param message the problem
   * @param column 1-based column in the expression source, or 0 when not tied to a position
   */
  public ExprException(String message, int column) {
    super(message);
    this.column = column;
    this.line = column == 0 ? 0 : 1;
    this.argoText = message;
  }

  private ExprException(String message, int line, int column, String argoText) {
    super(message);
    this.line = line;
    this.column = column;
    this.argoText = argoText;
  }

  /** A parse or type error found before evaluation (expr-lang's compile error). */
  static ExprException compile(String message, String source, int charPos) {
    return located(message, source, charPos, "");
  }

  /** An error while evaluating: Argo prefixes these with the expression. */
  static ExprException runtime(String message, String source, int charPos) {
    return located(message, source, charPos, "unable to evaluate expression '" + source + "': ");
  }

  /** An error with no position, whose Argo text is the message itself. */
  static ExprException plain(String message) {
    return new ExprException(message, 0);
  }

  /**
   * expr-lang's {@code file.Error.Bind}: line and column of the position counted in code points,
   * then the line shown with a caret under the column.
   */
  private static ExprException located(String message, String source, int charPos, String prefix) {
    int pos = Math.min(Math.max(charPos, 0), source.length());
    int line = 1;
    int lineStart = 0;
    for (int k = 0; k < pos; k++) {
      if (source.charAt(k) == '\n') {
        line++;
        lineStart = k + 1;
      }
    }
    int col0 = source.codePointCount(lineStart, pos);
    int lineEnd = source.indexOf('\n', lineStart);
    String text = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
    StringBuilder full = new StringBuilder(prefix).append(message);
    if (!text.isEmpty()) { // expr-lang shows no position for an empty line
      full.append(" (").append(line).append(':').append(col0 + 1).append(')');
      full.append("\n | ").append(text.replace('\t', ' '));
      full.append("\n | ").append(".".repeat(col0)).append('^');
    }
    return new ExprException(message, line, col0 + 1, full.toString());
  }

  /** 1-based column (within its line) in the expression source, or 0. */
  public int column() {
    return column;
  }

  /** 1-based line in the expression source, or 0 when not tied to a position. */
  public int line() {
    return line;
  }

  /**
   * The error as Argo reports it (node message): {@code <problem> (<line>:<col>)} followed by the
   * source line and a caret, prefixed by {@code unable to evaluate expression '<src>': } for errors
   * raised while evaluating.
   */
  public String argoText() {
    return argoText;
  }

  /** The problem with its position, on one line: {@code <problem> (<line>:<col>)}. */
  public String shortText() {
    return column == 0 ? getMessage() : getMessage() + " (" + line + ":" + column + ")";
  }
}
