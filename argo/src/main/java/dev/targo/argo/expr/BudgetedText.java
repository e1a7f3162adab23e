package dev.targo.argo.expr;

/**
 * A string whose characters may be read a bounded number of times, so that a pathological regular
 * expression (Java's engine backtracks, Go's RE2 does not) ends with an error instead of hanging
 * the workflow. Sub-sequences share the budget.
 */
final class BudgetedText implements CharSequence {

  /** Thrown when the budget is spent. */
  static final class Exhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Exhausted() {
      super(null, null, false, false);
    }
  }

  private final String text;
  private final long[] left;

  BudgetedText(String text, long budget) {
    this(text, new long[] {budget});
  }

  private BudgetedText(String text, long[] left) {
    this.text = text;
    this.left = left;
  }

  @Override
  public char charAt(int index) {
    if (--left[0] < 0) {
      throw new Exhausted();
    }
    return text.charAt(index);
  }

  @Override
  public int length() {
    return text.length();
  }

  @Override
  public CharSequence subSequence(int start, int end) {
    return new BudgetedText(text.substring(start, end), left);
  }

  @Override
  public String toString() {
    return text;
  }
}
