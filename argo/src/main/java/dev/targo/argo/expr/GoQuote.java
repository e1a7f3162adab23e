package dev.targo.argo.expr;

/** Go's {@code %#v}/{@code strconv.Quote} of a string, as expr-lang prints tokens. */
final class GoQuote {
  private GoQuote() {}

  static String quote(String s) {
    StringBuilder out = new StringBuilder("\"");
    s.codePoints()
        .forEach(
            c -> {
              switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                  if (c < 0x20 || c == 0x7f) {
                    out.append(String.format("\\x%02x", c));
                  } else {
                    out.appendCodePoint(c);
                  }
                }
              }
            });
    return out.append('"').toString();
  }
}
