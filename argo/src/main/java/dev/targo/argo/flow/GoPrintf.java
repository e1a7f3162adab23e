package dev.targo.argo.flow;

/**
 * The part of Go's {@code fmt.Sprintf} that {@code withSequence.format} uses: one integer formatted
 * with {@code %d %v %x %X %o %b}, flags {@code 0 - + space}, a width, and {@code %%}. A verb
 * outside that set is written as Go writes a wrong verb, {@code %!s(int=5)}. Pure.
 */
public final class GoPrintf {
  private GoPrintf() {}

  /** {@code format} applied to {@code value}; Go appends {@code %!(EXTRA …)} for no verb. */
  public static String format(String format, long value) {
    StringBuilder out = new StringBuilder();
    boolean used = false;
    int i = 0;
    while (i < format.length()) {
      char c = format.charAt(i++);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i < format.length() && format.charAt(i) == '%') {
        out.append('%');
        i++;
        continue;
      }
      boolean zero = false;
      boolean left = false;
      boolean plus = false;
      boolean space = false;
      while (i < format.length() && "0-+ ".indexOf(format.charAt(i)) >= 0) {
        switch (format.charAt(i++)) {
          case '0' -> zero = true;
          case '-' -> left = true;
          case '+' -> plus = true;
          default -> space = true;
        }
      }
      int width = 0;
      while (i < format.length() && Character.isDigit(format.charAt(i))) {
        width = width * 10 + (format.charAt(i++) - '0');
      }
      if (i >= format.length()) {
        out.append("%!(NOVERB)");
        break;
      }
      char verb = format.charAt(i++);
      if (used) {
        out.append("%!").append(verb).append("(MISSING)");
        continue;
      }
      used = true;
      String digits =
          switch (verb) {
            case 'd', 'v' -> Long.toString(Math.abs(value));
            case 'x' -> Long.toHexString(Math.abs(value));
            case 'X' -> Long.toHexString(Math.abs(value)).toUpperCase(java.util.Locale.ROOT);
            case 'o' -> Long.toOctalString(Math.abs(value));
            case 'b' -> Long.toBinaryString(Math.abs(value));
            default -> null;
          };
      if (digits == null) {
        out.append("%!").append(verb).append("(int=").append(value).append(')');
        continue;
      }
      String sign = value < 0 ? "-" : plus ? "+" : space ? " " : "";
      out.append(pad(sign, digits, width, zero && !left, left));
    }
    if (!used) {
      out.append("%!(EXTRA int=").append(value).append(')');
    }
    return out.toString();
  }

  private static String pad(String sign, String digits, int width, boolean zero, boolean left) {
    int fill = width - sign.length() - digits.length();
    if (fill <= 0) {
      return sign + digits;
    }
    if (left) {
      return sign + digits + " ".repeat(fill);
    }
    return zero ? sign + "0".repeat(fill) + digits : " ".repeat(fill) + sign + digits;
  }
}
