package dev.targo.argo.when;

import dev.targo.argo.when.Token.Kind;
import java.util.List;
import java.util.Set;

/**
 * govaluate's stage planner ({@code stagePlanner.go}) as recursive descent. Its levels, loosest
 * first: separator {@code ,}; ternary {@code ? : ??}; {@code ||}; {@code &&}; comparators; bitwise
 * {@code & | ^}; shifts; {@code + -}; {@code * / %}; {@code **}; prefixes. govaluate reorders each
 * chain of one level to run left to right, which is left associativity.
 */
final class Parser {
  private record Level(Kind kind, Set<String> symbols) {}

  private static final List<Level> LEVELS =
      List.of(
          new Level(Kind.SEPARATOR, Set.of(",")),
          new Level(Kind.TERNARY, Lexer.TERNARY),
          new Level(Kind.LOGICALOP, Set.of("||")),
          new Level(Kind.LOGICALOP, Set.of("&&")),
          new Level(Kind.COMPARATOR, Lexer.COMPARATORS),
          new Level(Kind.MODIFIER, Set.of("&", "|", "^")),
          new Level(Kind.MODIFIER, Set.of(">>", "<<")),
          new Level(Kind.MODIFIER, Set.of("+", "-")),
          new Level(Kind.MODIFIER, Set.of("*", "/", "%")),
          new Level(Kind.MODIFIER, Set.of("**")));

  private final List<Token> tokens;
  private int index;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  /** The tree of checked tokens, or null when there are none. */
  static Node parse(List<Token> tokens) {
    return new Parser(tokens).expression();
  }

  private Node expression() {
    return index < tokens.size() ? level(0) : null;
  }

  private Node level(int n) {
    if (n == LEVELS.size()) {
      return value();
    }
    Level level = LEVELS.get(n);
    Node left = level(n + 1);
    while (index < tokens.size()) {
      Token token = tokens.get(index);
      if (token.kind() != level.kind() || !level.symbols().contains((String) token.value())) {
        break;
      }
      index++;
      left = new Node.Infix((String) token.value(), left, level(n + 1));
    }
    return left;
  }

  private Node value() {
    if (index >= tokens.size()) {
      return null;
    }
    Token token = tokens.get(index++);
    return switch (token.kind()) {
      case CLAUSE -> {
        Node inner = expression();
        index++; // the closing parenthesis: the balance was checked
        yield new Node.Group(inner);
      }
      case CLAUSE_CLOSE -> {
        index--;
        yield null;
      }
      case PREFIX -> new Node.Prefix((String) token.value(), value());
      case ACCESSOR -> {
        Node arguments = null;
        if (index < tokens.size() && tokens.get(index).kind() == Kind.CLAUSE) {
          arguments = expression();
        }
        yield new Node.Accessor((String) token.value(), arguments);
      }
      case NUMERIC, STRING, BOOLEAN, VARIABLE -> new Node.Literal(token.value());
      default ->
          throw new SyntaxError(
              "Unable to plan token kind: '" + token.kind() + "', value: '" + token.shown() + "'",
              token.start());
    };
  }
}
