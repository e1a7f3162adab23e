package dev.targo.argo.when;

import dev.targo.argo.when.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Argo's {@code when} conditions of steps and tasks ({@code shouldExecute}): a govaluate
 * expression, evaluated after {@code {{…}}} substitution, in which unquoted words are strings (so
 * {@code heads == heads} holds). Comparisons ({@code == != < > <= >=}), regular expressions ({@code
 * =~ !~}), {@code in (a, b)}, {@code && || !}, arithmetic and {@code ?:} are govaluate's, with its
 * messages. Pure and deterministic: the workflow calls it.
 *
 * <p>One difference: govaluate turns quoted dates ({@code '2024-01-31'}) into Unix seconds in the
 * controller's time zone; here they stay strings, which compare the same way when both sides use
 * one format.
 */
public final class When {
  private When() {}

  /**
   * Whether a step or task with this (substituted) condition runs: true for an empty condition.
   *
   * @throws WhenException with Argo's message when the condition cannot be parsed or evaluated, or
   *     is not a boolean
   */
  public static boolean shouldExecute(String when) {
    if (when == null || when.isEmpty()) {
      return true;
    }
    Node tree = parse(when);
    Object result;
    try {
      result = Evaluator.evaluate(tree);
    } catch (Evaluator.Failure e) {
      throw new WhenException(
          "Failed to evaluate 'when' expresion '" + when + "': " + e.getMessage(),
          e.getMessage(),
          -1);
    }
    if (!(result instanceof Boolean b)) {
      String problem = "Expected boolean evaluation for '" + when + "'. Got " + Values.show(result);
      throw new WhenException(problem, problem, -1);
    }
    return b;
  }

  /**
   * Checks the syntax of a condition as Argo's parser would, without evaluating it.
   *
   * @throws WhenException with Argo's message and the offset of the offending token
   */
  public static void checkSyntax(String when) {
    if (when != null && !when.isEmpty()) {
      parse(when);
    }
  }

  private static Node parse(String when) {
    List<Token> tokens;
    try {
      tokens = Lexer.tokens(when);
      Syntax.checkBalance(tokens, when.length());
      Syntax.check(tokens, when.length());
    } catch (SyntaxError e) {
      String hint =
          e.getMessage().startsWith("Invalid token")
              ? " (hint: try wrapping the affected expression in quotes (\"))"
              : "";
      throw new WhenException(
          "Invalid 'when' expression '" + when + "': " + e.getMessage() + hint,
          e.getMessage(),
          e.offset);
    }
    try {
      // Argo turns govaluate's variables into strings, then parses the tokens again.
      List<Token> strings = new ArrayList<>();
      for (Token t : tokens) {
        strings.add(t.kind() == Kind.VARIABLE ? new Token(Kind.STRING, t.value(), t.start()) : t);
      }
      Syntax.check(strings, when.length());
      return Parser.parse(precompilePatterns(strings));
    } catch (SyntaxError e) {
      throw new WhenException(
          "Failed to parse 'when' expression '" + when + "': " + e.getMessage(),
          e.getMessage(),
          e.offset);
    }
  }

  /** govaluate compiles a quoted pattern right of {@code =~}/{@code !~} before evaluating. */
  private static List<Token> precompilePatterns(List<Token> tokens) {
    List<Token> out = new ArrayList<>(tokens);
    for (int i = 0; i + 1 < out.size(); i++) {
      Token op = out.get(i);
      Token next = out.get(i + 1);
      boolean regex =
          op.kind() == Kind.COMPARATOR && ("=~".equals(op.value()) || "!~".equals(op.value()));
      if (regex && next.kind() == Kind.STRING) {
        try {
          out.set(
              i + 1, new Token(Kind.STRING, Pattern.compile((String) next.value()), next.start()));
        } catch (PatternSyntaxException e) {
          throw new SyntaxError(regexpError(e), next.start());
        }
      }
    }
    return out;
  }

  /** A pattern error in the words of Go's {@code regexp} package, as far as Java can tell. */
  static String regexpError(PatternSyntaxException e) {
    return "error parsing regexp: " + e.getDescription() + ": `" + e.getPattern() + "`";
  }
}
