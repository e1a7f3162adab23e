package dev.targo.bench;

/**
 * A target of the table: an upper or a lower bound on a figure.
 *
 * @param atMost true for "≤ bound", false for "≥ bound"
 * @param bound the bound, in the unit of the figure
 */
public record Target(boolean atMost, double bound) {

  public static Target atMost(double bound) {
    return new Target(true, bound);
  }

  public static Target atLeast(double bound) {
    return new Target(false, bound);
  }

  boolean metBy(double value) {
    return atMost ? value <= bound : value >= bound;
  }

  @Override
  public String toString() {
    return (atMost ? "<= " : ">= ") + Numbers.format(bound);
  }
}
