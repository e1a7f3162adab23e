package dev.targo.argo;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The few Go formatting rules whose output reaches users through Argo's variables and messages:
 * {@code fmt.Sprint(float64)}, {@code time.Duration.Seconds()} and {@code strconv.Quote}. Pure.
 */
public final class GoFormat {
  private GoFormat() {}

  /**
   * Go's {@code fmt.Sprint} of a {@code float64} ({@code %v}, that is {@code %g} with the shortest
   * digits): {@code 6}, {@code 6.5}, {@code 0.001}, {@code 1e-05}, {@code 1.234567e+06}.
   */
  public static String float64(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    String sign = (value < 0 || (value == 0 && 1 / value < 0)) ? "-" : "";
    if (value == 0) {
      return sign + "0";
    }
    BigDecimal exact = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
    String digits = exact.unscaledValue().toString();
    int nd = digits.length();
    int dp = nd - exact.scale(); // the decimal point sits after dp digits
    int exp = dp - 1;
    if (exp < -4 || exp >= 6) {
      StringBuilder out = new StringBuilder(sign).append(digits.charAt(0));
      if (nd > 1) {
        out.append('.').append(digits, 1, nd);
      }
      out.append('e').append(exp < 0 ? '-' : '+');
      int absExp = Math.abs(exp);
      return out.append(absExp < 10 ? "0" : "").append(absExp).toString();
    }
    if (dp <= 0) {
      return sign + "0." + "0".repeat(-dp) + digits;
    }
    if (dp >= nd) {
      return sign + digits + "0".repeat(dp - nd);
    }
    return sign + digits.substring(0, dp) + "." + digits.substring(dp);
  }

  /** Go's {@code time.Duration.Seconds()}: whole seconds plus the nanosecond remainder. */
  public static double seconds(Duration d) {
    long nanos;
    try {
      nanos = d.toNanos();
    } catch (ArithmeticException e) {
      nanos = d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return (double) (nanos / 1_000_000_000L) + (double) (nanos % 1_000_000_000L) / 1e9;
  }

  /**
   * Go's {@code strconv.Quote} (and {@code %q}): a double-quoted Go string literal. The quote and
   * the backslash are escaped with a backslash; the bell, backspace, form feed, newline, carriage
   * return, tab and vertical tab by their letters; the other ASCII controls and DEL as {@code
   * \xNN}; characters Go does not print ({@code unicode.IsPrint}: separators other than the space,
   * format and private-use characters, unassigned code points) as a backslash, {@code u} and four
   * hex digits, or {@code U} and eight. Printable Unicode is kept as it is.
   */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case 0x07 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 0x0b -> out.append("\\v");
                default -> {
                  if (c < 0x20 || c == 0x7f) {
                    out.append(String.format("\\x%02x", c));
                  } else if (c < 0x7f || printable(c)) {
                    out.appendCodePoint(c);
                  } else if (c <= 0xffff) {
                    out.append(String.format("\\u%04x", c));
                  } else {
                    out.append(String.format("\\U%08x", c));
                  }
                }
              }
            });
    return out.append('"').toString();
  }

  /** Go's {@code unicode.IsPrint} for a code point above ASCII. */
  private static boolean printable(int c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.PRIVATE_USE,
          Character.SURROGATE,
          Character.UNASSIGNED,
          Character.SPACE_SEPARATOR,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR ->
          false;
      default -> true;
    };
  }
}
