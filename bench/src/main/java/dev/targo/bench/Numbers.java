package dev.targo.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Percentiles and number formatting of the figures. Pure. */
public final class Numbers {
  private Numbers() {}

  /**
   * The {@code p}-th percentile (0 < p ≤ 100) of {@code values} by the nearest-rank method: the
   * smallest value that at least p % of the values do not exceed. NaN for no values.
   */
  public static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  public static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }

  public static double mean(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** Three significant figures at most, no exponent, no trailing zeros. */
  public static String format(double value) {
    if (Double.isNaN(value)) {
      return "-";
    }
    double abs = Math.abs(value);
    String text;
    if (abs >= 100 || value == Math.rint(value)) {
      text = String.format(Locale.ROOT, "%.0f", value);
    } else if (abs >= 10) {
      text = String.format(Locale.ROOT, "%.1f", value);
    } else if (abs >= 1) {
      text = String.format(Locale.ROOT, "%.2f", value);
    } else {
      text = String.format(Locale.ROOT, "%.3f", value);
    }
    if (text.contains(".")) {
      text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return text;
  }
}
