package dev.targo.argo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kubernetes resource quantities ({@code 64Mi}, {@code 1Gi}, {@code 500M}, {@code 1e9}, {@code
 * 134217728}) as byte counts, read as Kubernetes' {@code resource.ParseQuantity} reads them and
 * rounded up to a whole byte as its {@code Value()} does. Pure.
 */
public final class Quantities {
  private Quantities() {}

  private static final Pattern QUANTITY =
      Pattern.compile(
          "([+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+))(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?");

  /** Binary suffixes from the largest down, for {@link #format}. */
  private static final List<String> BINARY = List.of("Ei", "Pi", "Ti", "Gi", "Mi", "Ki");

  /**
   * The number of bytes {@code text} stands for.
   *
   * @throws IllegalArgumentException when it is not a quantity, is negative or is too large
   */
  public static long bytes(String text) {
    Matcher m = text == null ? null : QUANTITY.matcher(text.strip());
    if (m == null || !m.matches()) {
      throw new IllegalArgumentException(
          "quantity '" + text + "' is not a Kubernetes quantity (e.g. 64Mi, 1Gi, 500M)");
    }
    BigDecimal value = new BigDecimal(m.group(1)).multiply(multiplier(m.group(2)));
    if (value.signum() < 0) {
      throw new IllegalArgumentException("quantity '" + text + "' is negative");
    }
    try {
      return value.setScale(0, RoundingMode.CEILING).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("quantity '" + text + "' is too large");
    }
  }

  /** True when {@code text} is a quantity {@link #bytes} reads. */
  public static boolean isQuantity(String text) {
    try {
      bytes(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * {@code bytes} with the largest binary suffix that divides it exactly ({@code 128Mi}), else as a
   * plain number of bytes.
   */
  public static String format(long bytes) {
    if (bytes != 0) {
      for (String suffix : BINARY) {
        long unit = multiplier(suffix).longValueExact();
        if (bytes % unit == 0) {
          return bytes / unit + suffix;
        }
      }
    }
    return Long.toString(bytes);
  }

  private static BigDecimal multiplier(String suffix) {
    if (suffix == null) {
      return BigDecimal.ONE;
    }
    return switch (suffix) {
      case "Ki" -> BigDecimal.valueOf(2).pow(10);
      case "Mi" -> BigDecimal.valueOf(2).pow(20);
      case "Gi" -> BigDecimal.valueOf(2).pow(30);
      case "Ti" -> BigDecimal.valueOf(2).pow(40);
      case "Pi" -> BigDecimal.valueOf(2).pow(50);
      case "Ei" -> BigDecimal.valueOf(2).pow(60);
      case "n" -> BigDecimal.ONE.scaleByPowerOfTen(-9);
      case "u" -> BigDecimal.ONE.scaleByPowerOfTen(-6);
      case "m" -> BigDecimal.ONE.scaleByPowerOfTen(-3);
      case "k" -> BigDecimal.ONE.scaleByPowerOfTen(3);
      case "M" -> BigDecimal.ONE.scaleByPowerOfTen(6);
      case "G" -> BigDecimal.ONE.scaleByPowerOfTen(9);
      case "T" -> BigDecimal.ONE.scaleByPowerOfTen(12);
      case "P" -> BigDecimal.ONE.scaleByPowerOfTen(15);
      case "E" -> BigDecimal.ONE.scaleByPowerOfTen(18);
      // An exponent: e9, E+6.
      default -> BigDecimal.ONE.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)));
    };
  }
}
