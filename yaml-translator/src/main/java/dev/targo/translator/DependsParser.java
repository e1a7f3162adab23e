package dev.targo.translator;

import dev.targo.argo.plan.TaskResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses a DAG task's {@code depends}: task names, optionally with a result ({@code A}, {@code
 * A.Succeeded}), joined by {@code &&}, {@code ||} and {@code !}, with parentheses; {@code !} binds
 * tightest, then {@code &&}, then {@code ||}, as in expr-lang, which Argo evaluates it with.
 */
final class DependsParser {

  /** A parsed condition, task names not yet expanded. */
  sealed interface Term {}

  /**
   * {@code task} or {@code task.Result}.
   *
   * @param result the result, or null for a bare name
   * @param offset where the name starts in the text
   */
  record Name(String task, TaskResult result, int offset) implements Term {}

  record Not(Term operand) implements Term {}

  record And(Term left, Term right) implements Term {}

  record Or(Term left, Term right) implements Term {}

  /** A syntax error at a 0-based offset of the text. */
  static final class Error extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int offset;

    Error(String message, int offset) {
      super(message, null, false, false);
      this.offset = offset;
    }
  }

  private final String text;
  private int pos;

  private DependsParser(String text) {
    this.text = text;
  }

  /** The condition of {@code text}, which must not be blank. */
  static Term parse(String text) {
    DependsParser parser = new DependsParser(text);
    Term term = parser.or();
    parser.skipSpace();
    if (parser.pos < text.length()) {
      throw new Error("expected `&&`, `||` or the end, found `" + parser.rest() + "`", parser.pos);
    }
    return term;
  }

  /** The names in {@code term}, left to right. */
  static List<Name> names(Term term) {
    List<Name> names = new ArrayList<>();
    collect(term, names);
    return names;
  }

  private static void collect(Term term, List<Name> names) {
    switch (term) {
      case Name n -> names.add(n);
      case Not n -> collect(n.operand(), names);
      case And a -> {
        collect(a.left(), names);
        collect(a.right(), names);
      }
      case Or o -> {
        collect(o.left(), names);
        collect(o.right(), names);
      }
    }
  }

  private Term or() {
    Term left = and();
    while (eat("||")) {
      left = new Or(left, and());
    }
    return left;
  }

  private Term and() {
    Term left = unary();
    while (eat("&&")) {
      left = new And(left, unary());
    }
    return left;
  }

  private Term unary() {
    if (eat("!")) {
      return new Not(unary());
    }
    if (eat("(")) {
      int open = pos - 1;
      Term inner = or();
      if (!eat(")")) {
        skipSpace();
        throw new Error(
            pos < text.length()
                ? "expected `)`, found `" + rest() + "`"
                : "the `(` at column " + (open + 1) + " is never closed",
            pos < text.length() ? pos : open);
      }
      return inner;
    }
    return name();
  }

  private Term name() {
    skipSpace();
    int start = pos;
    if (pos >= text.length() || !isAlphanumeric(text.charAt(pos))) {
      throw new Error(
          pos >= text.length()
              ? "expected a task name at the end"
              : "expected a task name, found `" + rest() + "`",
          Math.min(pos, text.length()));
    }
    while (pos < text.length() && (isAlphanumeric(text.charAt(pos)) || text.charAt(pos) == '-')) {
      pos++;
    }
    String task = text.substring(start, pos);
    if (pos < text.length() && text.charAt(pos) == '.') {
      int resultStart = ++pos;
      while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
        pos++;
      }
      String result = text.substring(resultStart, pos);
      for (TaskResult r : TaskResult.values()) {
        if (r.name().equals(result)) {
          return new Name(task, r, start);
        }
      }
      List<String> results = Arrays.stream(TaskResult.values()).map(Enum::name).toList();
      throw new Error(
          "task result `"
              + result
              + "` for task `"
              + task
              + "` is invalid; use one of "
              + String.join(", ", results)
              + Suggest.didYouMean(result, results),
          resultStart);
    }
    return new Name(task, null, start);
  }

  private boolean eat(String token) {
    skipSpace();
    if (text.startsWith(token, pos) && !(token.equals("!") && text.startsWith("!=", pos))) {
      pos += token.length();
      return true;
    }
    return false;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private String rest() {
    int end = pos;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    return text.substring(pos, Math.max(end, pos + 1));
  }

  private static boolean isAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
