package dev.targo.argo.when;

import dev.targo.argo.when.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * govaluate's lexer ({@code parsing.go}), character for character: its odd corners decide which
 * conditions Argo accepts. Unquoted words are variables here; {@link When} turns them into strings
 * as Argo does. Quoted dates stay strings (govaluate would turn them into Unix seconds; comparing
 * two dates of one format gives the same answer either way).
 */
final class Lexer {
  static final Set<String> PREFIXES = Set.of("-", "!", "~");
  static final Set<String> MODIFIERS =
      Set.of("+", "-", "*", "/", "%", "**", "&", "|", "^", ">>", "<<");
  static final Set<String> LOGICAL = Set.of("&&", "||");
  static final Set<String> COMPARATORS = Set.of("==", "!=", ">", ">=", "<", "<=", "=~", "!~", "in");
  static final Set<String> TERNARY = Set.of("?", ":", "??");

  private final int[] chars;
  private final int[] offsets;
  private int position;

  private Lexer(String text) {
    chars = text.codePoints().toArray();
    offsets = new int[chars.length + 1];
    int offset = 0;
    for (int i = 0; i < chars.length; i++) {
      offsets[i] = offset;
      offset += Character.charCount(chars[i]);
    }
    offsets[chars.length] = offset;
  }

  static List<Token> tokens(String text) {
    Lexer lexer = new Lexer(text);
    List<Token> tokens = new ArrayList<>();
    Kind state = Kind.UNKNOWN;
    while (lexer.canRead()) {
      Token token = lexer.read(state);
      if (token == null) {
        break;
      }
      state = token.kind();
      tokens.add(token);
    }
    return tokens;
  }

  private Token read(Kind state) {
    while (canRead()) {
      int c = next();
      if (isSpace(c)) {
        continue;
      }
      int start = offsets[position - 1];
      if (isNumeric(c)) {
        return number(c, start);
      }
      if (c == ',') {
        return new Token(Kind.SEPARATOR, ",", start);
      }
      if (c == '[') {
        Read r = readUntilFalse(true, false, ch -> ch != ']');
        if (!r.completed) {
          throw new SyntaxError("Unclosed parameter bracket", start);
        }
        position++;
        return new Token(Kind.VARIABLE, r.text, start);
      }
      if (Character.isLetter(c)) {
        return word(start);
      }
      if (c == '\'' || c == '"') {
        Read r = readUntilFalse(true, false, ch -> ch != '\'' && ch != '"');
        if (!r.completed) {
          throw new SyntaxError("Unclosed string literal", start);
        }
        position++;
        return new Token(Kind.STRING, r.text, start);
      }
      if (c == '(' || c == ')') {
        return new Token(c == '(' ? Kind.CLAUSE : Kind.CLAUSE_CLOSE, Character.toString(c), start);
      }
      return symbol(state, start);
    }
    return null;
  }

  private Token number(int c, int start) {
    if (canRead() && c == '0') {
      int x = next();
      if (canRead() && x == 'x') {
        String hex = readUntilFalse(false, true, Lexer::isHexDigit).text;
        try {
          return new Token(
              Kind.NUMERIC, (double) Long.parseUnsignedLong(hex.isEmpty() ? "?" : hex, 16), start);
        } catch (NumberFormatException e) {
          throw new SyntaxError("Unable to parse hex value '" + hex + "' to uint64\n", start);
        }
      }
      position--;
    }
    position--;
    String text = readUntilFalse(false, true, Lexer::isNumeric).text;
    try {
      return new Token(Kind.NUMERIC, Double.parseDouble(text), start);
    } catch (NumberFormatException e) {
      throw new SyntaxError("Unable to parse numeric value '" + text + "' to float64\n", start);
    }
  }

  private Token word(int start) {
    position--;
    String text =
        readUntilFalse(
                false, true, ch -> Character.isLetter(ch) || isDigit(ch) || ch == '_' || ch == '.')
            .text;
    Token token = new Token(Kind.VARIABLE, text, start);
    if (text.equals("true") || text.equals("false")) {
      token = new Token(Kind.BOOLEAN, Boolean.valueOf(text), start);
    }
    if (text.equals("in") || text.equals("IN")) {
      token = new Token(Kind.COMPARATOR, "in", start);
    }
    if (text.indexOf('.') > 0) {
      if (text.endsWith(".")) {
        throw new SyntaxError("Hanging accessor on token '" + text + "'", start);
      }
      String[] parts = text.split("\\.", -1);
      for (int i = 1; i < parts.length; i++) {
        int first = parts[i].isEmpty() ? 0 : parts[i].codePointAt(0);
        if (Character.toUpperCase(first) != first) {
          throw new SyntaxError(
              "Unable to access unexported field '" + parts[i] + "' in token '" + text + "'",
              start);
        }
      }
      token = new Token(Kind.ACCESSOR, text, start);
    }
    return token;
  }

  private Token symbol(Kind state, int start) {
    position--;
    String text = readUntilFalse(false, true, Lexer::isNotAlphanumeric).text;
    if (Syntax.canFollow(state, Kind.PREFIX) && PREFIXES.contains(text)) {
      return new Token(Kind.PREFIX, text, start);
    }
    if (MODIFIERS.contains(text)) {
      return new Token(Kind.MODIFIER, text, start);
    }
    if (LOGICAL.contains(text)) {
      return new Token(Kind.LOGICALOP, text, start);
    }
    if (COMPARATORS.contains(text)) {
      return new Token(Kind.COMPARATOR, text, start);
    }
    if (TERNARY.contains(text)) {
      return new Token(Kind.TERNARY, text, start);
    }
    throw new SyntaxError("Invalid token: '" + text + "'", start);
  }

  private record Read(String text, boolean completed) {}

  /**
   * govaluate's {@code readUntilFalse}: characters while {@code condition} holds, a backslash
   * escaping the next one; whitespace ends the token once it has begun when {@code
   * breakWhitespace}, and is kept or dropped per {@code includeWhitespace} otherwise.
   */
  private Read readUntilFalse(
      boolean includeWhitespace, boolean breakWhitespace, IntPredicate condition) {
    StringBuilder buffer = new StringBuilder();
    while (canRead()) {
      int c = next();
      if (c == '\\') {
        if (!canRead()) {
          return new Read(buffer.toString(), false);
        }
        buffer.appendCodePoint(next());
        continue;
      }
      if (isSpace(c)) {
        if (breakWhitespace && !buffer.isEmpty()) {
          return new Read(buffer.toString(), true);
        }
        if (!includeWhitespace) {
          continue;
        }
      }
      if (condition.test(c)) {
        buffer.appendCodePoint(c);
      } else {
        position--;
        return new Read(buffer.toString(), true);
      }
    }
    return new Read(buffer.toString(), false);
  }

  private boolean canRead() {
    return position < chars.length;
  }

  private int next() {
    return chars[position++];
  }

  /** Go's {@code unicode.IsSpace}. */
  static boolean isSpace(int c) {
    return switch (c) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0 -> true;
      default -> c > 0xFF && (Character.isSpaceChar(c) || Character.isWhitespace(c));
    };
  }

  private static boolean isDigit(int c) {
    return Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER;
  }

  private static boolean isNumeric(int c) {
    return isDigit(c) || c == '.';
  }

  private static boolean isHexDigit(int c) {
    int lower = Character.toLowerCase(c);
    return isDigit(c) || (lower >= 'a' && lower <= 'f');
  }

  private static boolean isNotAlphanumeric(int c) {
    return !(isDigit(c)
        || Character.isLetter(c)
        || c == '('
        || c == ')'
        || c == '['
        || c == ']'
        || c == '\''
        || c == '"');
  }
}
