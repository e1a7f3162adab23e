package dev.targo.argo.expr;

import dev.targo.argo.expr.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * expr-lang's precedence-climbing parser ({@code parser/parser.go}) for targo's subset: with map
 * literals, slices, {@code ??}, {@code ?.}, closures as the predicate of the builtins that take one
 * ({@code filter([1, 2], {# > 1})}) and Argo's {@code sprig.<name>(…)}. Operators outside the
 * subset ({@code ..}, {@code |}, {@code let}, {@code if}, other method calls) are rejected with
 * {@code unexpected token …} or a targo message.
 */
final class Parser {
  /** expr-lang's default node limit. */
  static final int MAX_NODES = 10_000;

  /** Recursion bound, so hostile input fails with a message instead of a StackOverflowError. */
  static final int MAX_DEPTH = 100;

  private static final Map<String, Integer> UNARY = Map.of("not", 50, "!", 50, "-", 90, "+", 90);
  private static final Map<String, Integer> BINARY =
      Map.ofEntries(
          Map.entry("or", 10),
          Map.entry("||", 10),
          Map.entry("and", 15),
          Map.entry("&&", 15),
          Map.entry("==", 20),
          Map.entry("!=", 20),
          Map.entry("<", 20),
          Map.entry(">", 20),
          Map.entry(">=", 20),
          Map.entry("<=", 20),
          Map.entry("in", 20),
          Map.entry("matches", 20),
          Map.entry("contains", 20),
          Map.entry("startsWith", 20),
          Map.entry("endsWith", 20),
          Map.entry("+", 30),
          Map.entry("-", 30),
          Map.entry("*", 60),
          Map.entry("/", 60),
          Map.entry("%", 60),
          Map.entry("**", 100),
          Map.entry("^", 100),
          Map.entry("??", 500));

  private final String src;
  private final List<Token> tokens;
  private int at;
  private int nodes;
  private int depth;

  private Parser(String src) {
    this.src = src;
    this.tokens = Lexer.tokenize(src);
  }

  static Node parse(String src) {
    Parser p = new Parser(src);
    Node node = p.expression(0);
    if (!p.current().is(Kind.EOF)) {
      throw p.unexpected(p.current());
    }
    return node;
  }

  private Token current() {
    return tokens.get(at);
  }

  private void next() {
    if (at < tokens.size() - 1) {
      at++;
    }
  }

  private void expect(Kind kind, String value) {
    if (!current().is(kind, value)) {
      throw unexpected(current());
    }
    next();
  }

  private <N extends Node> N node(N n) {
    if (++nodes > MAX_NODES) {
      throw ExprException.compile(
          "compilation failed: expression exceeds maximum allowed nodes", src, n.pos());
    }
    return n;
  }

  private Node expression(int precedence) {
    if (++depth > MAX_DEPTH) {
      throw ExprException.compile(
          "expression is nested too deeply (more than " + MAX_DEPTH + " levels)",
          src,
          current().pos());
    }
    try {
      return climb(precedence);
    } finally {
      depth--;
    }
  }

  private Node climb(int precedence) {
    Node left = primary();
    Token op = current();
    while (op.is(Kind.Operator)) {
      boolean negate = op.value().equals("not");
      Token notToken = op;
      if (negate) {
        next();
        Token suffix = current();
        boolean allowed =
            suffix.is(Kind.Operator)
                && List.of("in", "matches", "contains", "startsWith", "endsWith")
                    .contains(suffix.value());
        if (!allowed) {
          throw unexpected(suffix);
        }
        if (BINARY.get(suffix.value()) < precedence) {
          at--; // give "not" back to the caller, as expr-lang's stash does
          break;
        }
        op = suffix;
      }
      Integer prec = BINARY.get(op.value());
      if (prec == null || prec < precedence) {
        break;
      }
      next();
      if (List.of("<", ">", "<=", ">=").contains(op.value())) {
        left = comparison(left, op, prec);
      } else {
        boolean rightAssoc = op.value().equals("**") || op.value().equals("^");
        Node right = expression(rightAssoc ? prec : prec + 1);
        String name = op.value().equals("^") ? "**" : op.value();
        left = node(new Node.Binary(name, left, right, op.pos()));
        if (negate) {
          left = node(new Node.Unary("not", left, notToken.pos()));
        }
      }
      op = current();
    }
    if (precedence == 0) {
      left = conditional(left);
    }
    return left;
  }

  /** {@code a < b < c} is {@code a < b && b < c}, as in expr-lang. */
  private Node comparison(Node left, Token op, int precedence) {
    Node root = null;
    while (true) {
      Node right = expression(precedence + 1);
      Node cmp = node(new Node.Binary(op.value(), left, right, op.pos()));
      root = root == null ? cmp : node(new Node.Binary("&&", root, cmp, op.pos()));
      left = right;
      op = current();
      if (!(op.is(Kind.Operator) && List.of("<", ">", "<=", ">=").contains(op.value()))) {
        return root;
      }
      next();
    }
  }

  private Node conditional(Node cond) {
    Node node = cond;
    while (current().is(Kind.Operator, "?")) {
      next();
      Node then;
      Node otherwise;
      if (current().is(Kind.Operator, ":")) {
        next();
        then = node;
        otherwise = expression(0);
      } else {
        then = expression(0);
        expect(Kind.Operator, ":");
        otherwise = expression(0);
      }
      node = node(new Node.Conditional(node, then, otherwise, current().pos()));
    }
    return node;
  }

  private Node primary() {
    Token t = current();
    if (t.is(Kind.Operator) && UNARY.containsKey(t.value())) {
      next();
      Node operand = expression(UNARY.get(t.value()));
      return postfix(node(new Node.Unary(t.value(), operand, t.pos())));
    }
    if (t.is(Kind.Bracket, "(")) {
      next();
      Node inner = expression(0);
      expect(Kind.Bracket, ")");
      return postfix(inner);
    }
    return postfix(secondary());
  }

  private Node secondary() {
    Token t = current();
    switch (t.kind()) {
      case Identifier -> {
        next();
        return switch (t.value()) {
          case "true" -> node(new Node.Literal(Boolean.TRUE, t.pos()));
          case "false" -> node(new Node.Literal(Boolean.FALSE, t.pos()));
          case "nil" -> node(new Node.Literal(null, t.pos()));
          default ->
              current().is(Kind.Bracket, "(")
                  ? node(new Node.Call(t.value(), arguments(t.value()), t.pos()))
                  : node(new Node.Identifier(t.value(), t.pos()));
        };
      }
      case Number -> {
        next();
        return node(new Node.Literal(number(t), t.pos()));
      }
      case String -> {
        next();
        return node(new Node.Literal(t.value(), t.pos()));
      }
      default -> {
        if (t.is(Kind.Bracket, "[")) {
          return array(t);
        }
        if (t.is(Kind.Bracket, "{")) {
          return map(t);
        }
        if (t.is(Kind.Operator, "#")) {
          next();
          if (current().is(Kind.Identifier) && current().pos() == t.pos() + 1) {
            Token name = current();
            next();
            return node(new Node.Pointer(name.value(), t.pos()));
          }
          return node(new Node.Pointer("", t.pos()));
        }
        throw unexpected(t);
      }
    }
  }

  private Object number(Token t) {
    String v = t.value().replace("_", "");
    String lower = v.toLowerCase(java.util.Locale.ROOT);
    try {
      if (lower.startsWith("0x") || lower.startsWith("0o") || lower.startsWith("0b")) {
        int radix = lower.charAt(1) == 'x' ? 16 : lower.charAt(1) == 'o' ? 8 : 2;
        return Long.parseLong(v.substring(2), radix);
      }
      if (lower.contains(".") || lower.contains("e")) {
        return Double.parseDouble(v);
      }
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw ExprException.compile("integer literal is too large", src, t.pos());
    }
  }

  /** A call's arguments; the second argument of a predicate builtin may be a closure. */
  private List<Node> arguments(String function) {
    List<Node> args = new ArrayList<>();
    expect(Kind.Bracket, "(");
    while (!current().is(Kind.Bracket, ")")) {
      if (!args.isEmpty()) {
        expect(Kind.Operator, ",");
        if (current().is(Kind.Bracket, ")")) {
          break;
        }
      }
      if (args.size() == 1 && Library.takesClosure(function) && current().is(Kind.Bracket, "{")) {
        Token open = current();
        next();
        Node body = expression(0);
        expect(Kind.Bracket, "}");
        args.add(node(new Node.Closure(body, open.pos())));
      } else if (args.size() == 1 && Library.takesClosure(function)) {
        args.add(node(new Node.Closure(expression(0), current().pos())));
      } else {
        args.add(expression(0));
      }
    }
    expect(Kind.Bracket, ")");
    return args;
  }

  /** {@code {a: 1, "b": 2}}: a key is a name, a string or a number, written as a string. */
  private Node map(Token open) {
    List<Node> keys = new ArrayList<>();
    List<Node> values = new ArrayList<>();
    expect(Kind.Bracket, "{");
    while (!current().is(Kind.Bracket, "}")) {
      if (!keys.isEmpty()) {
        expect(Kind.Operator, ",");
        if (current().is(Kind.Bracket, "}")) {
          break;
        }
      }
      Token key = current();
      if (key.is(Kind.Identifier) || key.is(Kind.String) || key.is(Kind.Number)) {
        next();
        keys.add(node(new Node.Literal(key.value(), key.pos())));
      } else if (key.is(Kind.Bracket, "(")) {
        next();
        keys.add(expression(0));
        expect(Kind.Bracket, ")");
      } else {
        throw ExprException.compile(
            "a map key must be a quoted string, a number, a identifier, or an expression enclosed"
                + " in parentheses (unexpected token "
                + key
                + ")",
            src,
            key.pos());
      }
      expect(Kind.Operator, ":");
      values.add(expression(0));
    }
    expect(Kind.Bracket, "}");
    return node(new Node.MapLiteral(List.copyOf(keys), List.copyOf(values), open.pos()));
  }

  private Node array(Token open) {
    List<Node> items = new ArrayList<>();
    expect(Kind.Bracket, "[");
    while (!current().is(Kind.Bracket, "]")) {
      if (!items.isEmpty()) {
        expect(Kind.Operator, ",");
        if (current().is(Kind.Bracket, "]")) {
          break;
        }
      }
      items.add(expression(0));
    }
    expect(Kind.Bracket, "]");
    return node(new Node.Array(List.copyOf(items), open.pos()));
  }

  private Node postfix(Node base) {
    Node node = base;
    while (true) {
      Token t = current();
      if (t.is(Kind.Operator, ".") || t.is(Kind.Operator, "?.")) {
        boolean optional = t.value().equals("?.");
        next();
        if (optional && current().is(Kind.Bracket, "[")) {
          node = index(node, current(), true);
          continue;
        }
        Token name = current();
        next();
        boolean validName =
            name.is(Kind.Identifier)
                || (name.is(Kind.Operator) && Lexer.isAlpha(name.value().codePointAt(0)));
        if (!validName) {
          throw ExprException.compile("expected name", src, current().pos());
        }
        if (current().is(Kind.Bracket, "(")) {
          if (node instanceof Node.Identifier id && id.name().equals("sprig")) {
            String function = "sprig." + name.value();
            node = node(new Node.Call(function, arguments(function), id.pos()));
            continue;
          }
          throw ExprException.compile("method calls are not supported by targo", src, name.pos());
        }
        Node property = node(new Node.Literal(name.value(), name.pos()));
        node = node(new Node.Member(node, property, optional, name.pos()));
      } else if (t.is(Kind.Bracket, "[")) {
        node = index(node, t, false);
      } else {
        return node;
      }
    }
  }

  /** {@code base[index]} or the slice {@code base[from:to]}, at the opening bracket. */
  private Node index(Node base, Token open, boolean optional) {
    expect(Kind.Bracket, "[");
    Node from = null;
    if (!current().is(Kind.Operator, ":")) {
      from = expression(0);
      if (!current().is(Kind.Operator, ":")) {
        expect(Kind.Bracket, "]");
        return node(new Node.Member(base, from, optional, open.pos()));
      }
    }
    next(); // the colon
    Node to = current().is(Kind.Bracket, "]") ? null : expression(0);
    expect(Kind.Bracket, "]");
    return node(new Node.Slice(base, from, to, open.pos()));
  }

  private ExprException unexpected(Token t) {
    return ExprException.compile("unexpected token " + t, src, t.pos());
  }
}
