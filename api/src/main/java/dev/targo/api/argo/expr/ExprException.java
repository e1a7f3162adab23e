package dev.targo.api.argo.expr;

/** A syntax or evaluation error in an expr-lang expression. */
public final class ExprException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int column;

  /**
   * @param message the problem
   * @param column 1-based column in the expression source, or 0 when not tied to a position
   */
  public ExprException(String message, int column) {
    super(message);
    this.column = column;
  }

  /** 1-based column in the expression source, or 0. */
  public int column() {
    return column;
  }
}
