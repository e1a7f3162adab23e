package dev.targo.argo.when;

import static dev.targo.argo.when.Token.Kind.ACCESSOR;
import static dev.targo.argo.when.Token.Kind.BOOLEAN;
import static dev.targo.argo.when.Token.Kind.CLAUSE;
import static dev.targo.argo.when.Token.Kind.CLAUSE_CLOSE;
import static dev.targo.argo.when.Token.Kind.COMPARATOR;
import static dev.targo.argo.when.Token.Kind.LOGICALOP;
import static dev.targo.argo.when.Token.Kind.MODIFIER;
import static dev.targo.argo.when.Token.Kind.NUMERIC;
import static dev.targo.argo.when.Token.Kind.PREFIX;
import static dev.targo.argo.when.Token.Kind.SEPARATOR;
import static dev.targo.argo.when.Token.Kind.STRING;
import static dev.targo.argo.when.Token.Kind.TERNARY;
import static dev.targo.argo.when.Token.Kind.UNKNOWN;
import static dev.targo.argo.when.Token.Kind.VARIABLE;

import dev.targo.argo.when.Token.Kind;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * govaluate's grammar check ({@code lexerState.go}): which token kind may follow which, and which
 * may end an expression. govaluate's FUNCTION, PATTERN and TIME kinds never occur here (no
 * functions are given, and quoted dates stay strings), so they are left out of the table.
 */
final class Syntax {
  private static final Set<Kind> VALUE_NEXT =
      EnumSet.of(MODIFIER, COMPARATOR, LOGICALOP, CLAUSE_CLOSE, TERNARY, SEPARATOR);
  private static final Map<Kind, Set<Kind>> NEXT = new EnumMap<>(Kind.class);
  private static final Set<Kind> MAY_END =
      EnumSet.of(CLAUSE_CLOSE, NUMERIC, BOOLEAN, STRING, VARIABLE, ACCESSOR);

  static {
    NEXT.put(UNKNOWN, EnumSet.of(PREFIX, NUMERIC, BOOLEAN, VARIABLE, ACCESSOR, STRING, CLAUSE));
    NEXT.put(
        CLAUSE,
        EnumSet.of(PREFIX, NUMERIC, BOOLEAN, VARIABLE, ACCESSOR, STRING, CLAUSE, CLAUSE_CLOSE));
    NEXT.put(
        CLAUSE_CLOSE,
        EnumSet.of(
            COMPARATOR,
            MODIFIER,
            NUMERIC,
            BOOLEAN,
            VARIABLE,
            STRING,
            CLAUSE,
            CLAUSE_CLOSE,
            LOGICALOP,
            TERNARY,
            SEPARATOR));
    NEXT.put(NUMERIC, VALUE_NEXT);
    NEXT.put(BOOLEAN, VALUE_NEXT);
    NEXT.put(STRING, VALUE_NEXT);
    NEXT.put(VARIABLE, VALUE_NEXT);
    NEXT.put(
        MODIFIER,
        EnumSet.of(PREFIX, NUMERIC, VARIABLE, ACCESSOR, STRING, BOOLEAN, CLAUSE, CLAUSE_CLOSE));
    NEXT.put(
        COMPARATOR,
        EnumSet.of(PREFIX, NUMERIC, BOOLEAN, VARIABLE, ACCESSOR, STRING, CLAUSE, CLAUSE_CLOSE));
    NEXT.put(
        LOGICALOP,
        EnumSet.of(PREFIX, NUMERIC, BOOLEAN, VARIABLE, ACCESSOR, STRING, CLAUSE, CLAUSE_CLOSE));
    NEXT.put(PREFIX, EnumSet.of(NUMERIC, BOOLEAN, VARIABLE, ACCESSOR, CLAUSE, CLAUSE_CLOSE));
    NEXT.put(
        TERNARY,
        EnumSet.of(PREFIX, NUMERIC, BOOLEAN, STRING, VARIABLE, ACCESSOR, CLAUSE, SEPARATOR));
    NEXT.put(
        ACCESSOR,
        EnumSet.of(CLAUSE, MODIFIER, COMPARATOR, LOGICALOP, CLAUSE_CLOSE, TERNARY, SEPARATOR));
    NEXT.put(SEPARATOR, EnumSet.of(PREFIX, NUMERIC, BOOLEAN, STRING, VARIABLE, ACCESSOR, CLAUSE));
  }

  private Syntax() {}

  static boolean canFollow(Kind state, Kind next) {
    return NEXT.get(state).contains(next);
  }

  /** govaluate's {@code checkBalance}: every parenthesis closed, none closed twice. */
  static void checkBalance(List<Token> tokens, int length) {
    int depth = 0;
    int lastOpen = -1;
    for (Token token : tokens) {
      if (token.kind() == CLAUSE) {
        depth++;
        lastOpen = token.start();
      } else if (token.kind() == CLAUSE_CLOSE) {
        depth--;
      }
    }
    if (depth != 0) {
      int at = depth > 0 ? lastOpen : firstExtraClose(tokens);
      throw new SyntaxError("Unbalanced parenthesis", at < 0 ? length : at);
    }
  }

  private static int firstExtraClose(List<Token> tokens) {
    int depth = 0;
    for (Token token : tokens) {
      depth += token.kind() == CLAUSE ? 1 : token.kind() == CLAUSE_CLOSE ? -1 : 0;
      if (depth < 0) {
        return token.start();
      }
    }
    return -1;
  }

  /** govaluate's {@code checkExpressionSyntax}, with its messages. */
  static void check(List<Token> tokens, int length) {
    Kind state = UNKNOWN;
    Token last = null;
    for (Token token : tokens) {
      if (!canFollow(state, token.kind())) {
        if (last != null && last.kind() == VARIABLE && token.kind() == CLAUSE) {
          throw new SyntaxError("Undefined function " + last.value(), last.start());
        }
        String from = state + " [" + (last == null ? "<nil>" : last.shown()) + "]";
        String to = token.kind() + " [" + token.shown() + "]";
        throw new SyntaxError(
            "Cannot transition token types from " + from + " to " + to, token.start());
      }
      state = token.kind();
      last = token;
    }
    if (!MAY_END.contains(state)) {
      throw new SyntaxError("Unexpected end of expression", last == null ? length : last.start());
    }
  }
}
