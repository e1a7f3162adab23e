package dev.targo.argo.expr;

import dev.targo.argo.GoFormat;
import dev.targo.argo.expr.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** expr-lang's lexer for the subset targo evaluates; errors carry expr-lang's messages. */
final class Lexer {
  private static final Set<String> WORD_OPERATORS =
      Set.of(
          "in",
          "or",
          "and",
          "matches",
          "contains",
          "startsWith",
          "endsWith",
          "not",
          "let",
          "if",
          "else");

  private final String src;
  private int i;
  private final List<Token> tokens = new ArrayList<>();

  private Lexer(String src) {
    this.src = src;
  }

  static List<Token> tokenize(String src) {
    Lexer l = new Lexer(src);
    l.run();
    return l.tokens;
  }

  private void run() {
    while (i < src.length()) {
      int start = i;
      int c = src.codePointAt(i);
      if (Character.isWhitespace(c)) {
        i += Character.charCount(c);
      } else if (c == '\'' || c == '"') {
        tokens.add(new Token(Kind.String, scanString((char) c), start));
      } else if (c == '`') {
        int end = src.indexOf('`', i + 1);
        if (end < 0) {
          throw error("literal not terminated", src.length());
        }
        tokens.add(new Token(Kind.String, src.substring(i + 1, end), start));
        i = end + 1;
      } else if (c >= '0' && c <= '9'
          || c == '.' && i + 1 < src.length() && isDigit(src.charAt(i + 1))) {
        tokens.add(new Token(Kind.Number, scanNumber(), start));
      } else if (c == '/'
          && i + 1 < src.length()
          && (src.charAt(i + 1) == '/' || src.charAt(i + 1) == '*')) {
        skipComment();
      } else if (isAlpha(c)) {
        while (i < src.length() && isAlnum(src.codePointAt(i))) {
          i += Character.charCount(src.codePointAt(i));
        }
        String word = src.substring(start, i);
        tokens.add(
            new Token(
                WORD_OPERATORS.contains(word) ? Kind.Operator : Kind.Identifier, word, start));
      } else if ("([{)]}".indexOf(c) >= 0) {
        i++;
        tokens.add(new Token(Kind.Bracket, String.valueOf((char) c), start));
      } else {
        tokens.add(new Token(Kind.Operator, scanOperator(c, start), start));
      }
    }
    tokens.add(new Token(Kind.EOF, "", Math.max(src.length() - 1, 0)));
  }

  private String scanOperator(int c, int start) {
    i++;
    String two = i < src.length() ? "" + (char) c + src.charAt(i) : "";
    switch (c) {
      case '|', '&', '=', '!', '*', '<', '>', '?' -> {
        if (Set.of("||", "&&", "==", "!=", "**", "<=", ">=", "??", "?.", "&=", "*=")
            .contains(two)) {
          i++;
          return two;
        }
        return String.valueOf((char) c);
      }
      case '.' -> {
        if (two.equals("..")) {
          i++;
          return two;
        }
        return ".";
      }
      case ',', ';', '%', '+', '-', '^', '/', ':', '#' -> {
        return String.valueOf((char) c);
      }
      default -> throw error("unrecognized character: " + unicodeName(c), start);
    }
  }

  private String scanNumber() {
    int start = i;
    String digits = "0123456789_";
    if (src.charAt(i) == '0' && i + 1 < src.length() && "xXoObB".indexOf(src.charAt(i + 1)) >= 0) {
      char base = Character.toLowerCase(src.charAt(i + 1));
      digits = base == 'x' ? "0123456789abcdefABCDEF_" : base == 'o' ? "01234567_" : "01_";
      i += 2;
    }
    acceptRun(digits);
    if (i < src.length()
        && src.charAt(i) == '.'
        && !(i + 1 < src.length() && src.charAt(i + 1) == '.')) {
      i++;
      acceptRun(digits);
    }
    if (i < src.length()
        && (src.charAt(i) == 'e' || src.charAt(i) == 'E')
        && digits.length() == 11) {
      i++;
      if (i < src.length() && (src.charAt(i) == '+' || src.charAt(i) == '-')) {
        i++;
      }
      acceptRun(digits);
    }
    if (i < src.length() && isAlnum(src.codePointAt(i))) {
      i++;
      throw error("bad number syntax: " + GoFormat.quote(src.substring(start, i)), i - 1);
    }
    return src.substring(start, i);
  }

  private void acceptRun(String chars) {
    while (i < src.length() && chars.indexOf(src.charAt(i)) >= 0) {
      i++;
    }
  }

  private String scanString(char quote) {
    StringBuilder out = new StringBuilder();
    i++;
    while (true) {
      if (i >= src.length() || src.charAt(i) == '\n') {
        throw error("literal not terminated", i);
      }
      char c = src.charAt(i);
      if (c == quote) {
        i++;
        return out.toString();
      }
      if (c != '\\') {
        out.append(c);
        i++;
        continue;
      }
      i++;
      if (i >= src.length()) {
        throw error("literal not terminated", i);
      }
      char e = src.charAt(i++);
      switch (e) {
        case 'a' -> out.append('\u0007');
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'v' -> out.append('\u000b');
        case '\\', '\'', '"' -> out.append(e);
        case 'x' -> out.appendCodePoint(hex(2));
        case 'u' -> out.appendCodePoint(hex(4));
        case 'U' -> out.appendCodePoint(hex(8));
        default -> {
          if (e >= '0' && e <= '7') {
            i--;
            out.appendCodePoint(octal());
          } else {
            throw error("invalid char escape", i - 1);
          }
        }
      }
    }
  }

  private int hex(int n) {
    if (i + n > src.length()) {
      throw error("invalid char escape", i);
    }
    try {
      int v = Integer.parseUnsignedInt(src.substring(i, i + n), 16);
      i += n;
      if (!Character.isValidCodePoint(v)) {
        throw error("invalid char escape", i - 1);
      }
      return v;
    } catch (NumberFormatException ex) {
      throw error("invalid char escape", i);
    }
  }

  private int octal() {
    if (i + 3 > src.length() || !src.substring(i, i + 3).matches("[0-7]{3}")) {
      throw error("invalid char escape", i);
    }
    int v = Integer.parseInt(src.substring(i, i + 3), 8);
    i += 3;
    return v;
  }

  private void skipComment() {
    if (src.charAt(i + 1) == '/') {
      int end = src.indexOf('\n', i);
      i = end < 0 ? src.length() : end;
      return;
    }
    int end = src.indexOf("*/", i + 2);
    if (end < 0) {
      throw error("unclosed comment", src.length());
    }
    i = end + 2;
  }

  private ExprException error(String message, int pos) {
    return ExprException.compile(message, src, pos);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAlpha(int c) {
    return c == '_' || c == '$' || Character.isLetter(c);
  }

  static boolean isAlnum(int c) {
    return isAlpha(c) || Character.isDigit(c);
  }

  /** Go's {@code %#U}: {@code U+0040 '@'}. */
  private static String unicodeName(int c) {
    return String.format("U+%04X '%s'", c, new String(Character.toChars(c)));
  }
}
