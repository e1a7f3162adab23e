package dev.targo.argo.expr;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed expr-lang expression (Argo's {@code retryStrategy.expression}). Pure and deterministic:
 * it runs inside Temporal workflow code.
 *
 * <p>The subset: literals (int, float, strings in either quote with Go escapes, raw strings, {@code
 * true}/{@code false}/{@code nil}, arrays), names with member access, {@code &&}/{@code and},
 * {@code ||}/{@code or}, {@code !}/{@code not}, comparisons (chained ones too), {@code + - * / %
 * **}, unary minus, {@code matches}, {@code in}, {@code contains}, {@code startsWith}, {@code
 * endsWith} (each also as {@code not in} …), {@code ?:}, parentheses, comments, and the functions
 * {@code asInt}, {@code asFloat}, {@code int}, {@code float}, {@code string}, {@code len}, {@code
 * lower}, {@code upper}, {@code trim}. Regular expressions use Java's engine, not Go's RE2: the
 * syntax shared by both behaves alike; backreferences and lookaround, which RE2 rejects, are
 * accepted here, and a match is cut off after {@value Evaluator#REGEX_BUDGET} steps.
 *
 * <p>Evaluation first type-checks against the scope, as Argo compiles against its environment, so
 * errors Argo reports at compile time (no prefix) and at run time ({@code unable to evaluate
 * expression …}) keep their kind: see {@link ExprException#argoText()}.
 */
public final class Expr {

  /**
   * The value a skipped node's output without a default has in scope (Argo's {@code
   * common.AbsentOptionalArgumentValue}); an expression reads it as nil, as Argo's scope holds nil
   * there ({@code Key.SetSkipped}), so that {@code ?? 'fallback'} applies.
   */
  public static final String ABSENT = "__argo-internal.absent-optional-output__";

  /** Longest accepted source; longer input is refused before it is read. */
  public static final int MAX_LENGTH = 10_000;

  private final String source;
  private final Node root;

  private Expr(String source, Node root) {
    this.source = source;
    this.root = root;
  }

  /** Parses {@code source}; throws {@link ExprException} with the 1-based column of the problem. */
  public static Expr parse(String source) {
    if (source == null) {
      throw ExprException.plain("expression is missing");
    }
    if (source.length() > MAX_LENGTH) {
      throw ExprException.plain(
          "expression is too long ("
              + source.length()
              + " characters, at most "
              + MAX_LENGTH
              + ")");
    }
    return new Expr(source, Parser.parse(source));
  }

  /** The source text. */
  public String source() {
    return source;
  }

  /**
   * Type-checks against a scope of the given shape (values matter only by type) without evaluating:
   * finds what Argo reports at compile time, such as unknown names or {@code retries == 1} (a
   * string compared with an int).
   */
  public void check(Map<String, Object> scope) {
    Checker.check(source, root, environment(scope));
  }

  /**
   * Evaluates against {@code scope} (dotted names such as {@code lastRetry.exitCode} map to their
   * values); throws {@link ExprException} on an evaluation error.
   */
  public Object evaluate(Map<String, Object> scope) {
    Map<String, Object> env = environment(scope);
    Checker.check(source, root, env);
    return Evaluator.evaluate(source, root, env);
  }

  /**
   * Argo's {@code argoexpr.EvalBool}: evaluates and requires a boolean, else fails with {@code
   * unable to cast expression result '<value>' to bool}.
   */
  public boolean evaluateBool(Map<String, Object> scope) {
    Object result = evaluate(scope);
    if (result instanceof Boolean b) {
      return b;
    }
    throw ExprException.plain(
        "unable to cast expression result '" + Functions.formatS(result) + "' to bool");
  }

  /**
   * Argo's {@code {{=…}}} expression tag ({@code util/template/expression_template.go}) against the
   * variables of a substitution: the text to insert, or null when the expression needs a variable
   * {@code vars} lacks (the tag is then left as written, for a later substitution to resolve). A
   * string result is inserted as is, any other value as Go's {@code json.Marshal} writes it; a nil
   * result or an evaluation error throws {@link ExprException} ({@code failed to evaluate
   * expression …}). Members read through {@code ??} or {@code ?.} may be missing.
   */
  public static String template(String source, Map<String, String> vars) {
    Expr expr = parse(source);
    Map<String, Object> env = environment(new java.util.HashMap<>(vars));
    for (String path : expr.identifiers()) {
      if (!present(env, path)) {
        return null;
      }
    }
    Object result;
    try {
      result = Evaluator.evaluate(source, expr.root, env);
    } catch (ExprException e) {
      throw ExprException.plain("failed to evaluate expression: " + e.argoText());
    }
    if (result == null) {
      throw ExprException.plain(
          "failed to evaluate expression " + dev.targo.argo.GoFormat.quote(source));
    }
    if (result instanceof String text) {
      return text;
    }
    try {
      return GoValues.marshal(result);
    } catch (IllegalStateException e) {
      throw ExprException.plain("failed to marshal evaluated expression: " + e.getMessage());
    }
  }

  /**
   * Argo's {@code valueFrom.expression} of an output parameter: the value formatted as Go's {@code
   * %v}; a nil result or an error throws {@link ExprException}.
   */
  public static String outputValue(String source, Map<String, String> vars) {
    Expr expr = parse(source);
    Object result =
        Evaluator.evaluate(source, expr.root, environment(new java.util.HashMap<>(vars)));
    if (result == null) {
      throw ExprException.plain(
          "failed to evaluate expression " + dev.targo.argo.GoFormat.quote(source));
    }
    return Functions.format(result);
  }

  /**
   * The variables the expression reads, as dotted paths ({@code inputs.parameters.x} for {@code
   * inputs.parameters['x']}), as Argo's {@code getIdentifiers} finds them: members on the left of
   * {@code ??} and below {@code ?.} are not required; names of functions are not variables.
   */
  public java.util.List<String> identifiers() {
    java.util.List<String> out = new ArrayList<>();
    collect(root, false, out);
    return out;
  }

  private static void collect(Node node, boolean guarded, java.util.List<String> out) {
    switch (node) {
      case Node.Identifier id -> {
        if (!guarded && !Library.has(id.name()) && !out.contains(id.name())) {
          out.add(id.name());
        }
      }
      case Node.Member m -> {
        String path = path(m);
        if (path != null) {
          if (!guarded && !out.contains(path)) {
            out.add(path);
          }
          return;
        }
        collect(m.base(), guarded || m.optional(), out);
        collect(m.property(), guarded, out);
      }
      case Node.Binary b -> {
        collect(b.left(), guarded || b.op().equals("??"), out);
        collect(b.right(), guarded, out);
      }
      case Node.Unary u -> collect(u.operand(), guarded, out);
      case Node.Conditional c -> {
        collect(c.cond(), guarded, out);
        collect(c.then(), guarded, out);
        collect(c.otherwise(), guarded, out);
      }
      case Node.Call c -> c.args().forEach(a -> collect(a, guarded, out));
      case Node.Array a -> a.items().forEach(i -> collect(i, guarded, out));
      case Node.MapLiteral m -> m.values().forEach(v -> collect(v, guarded, out));
      case Node.Slice sl -> {
        collect(sl.base(), guarded, out);
        if (sl.from() != null) {
          collect(sl.from(), guarded, out);
        }
        if (sl.to() != null) {
          collect(sl.to(), guarded, out);
        }
      }
      case Node.Closure c -> collect(c.body(), guarded, out);
      case Node.Literal l -> {}
      case Node.Pointer p -> {}
    }
  }

  /** {@code a.b['c']} as {@code a.b.c}, or null when a step is computed or optional. */
  private static String path(Node.Member m) {
    if (m.optional()
        || !(m.property() instanceof Node.Literal l && l.value() instanceof String s)) {
      return null;
    }
    if (m.base() instanceof Node.Identifier id) {
      return id.name() + "." + s;
    }
    if (m.base() instanceof Node.Member inner) {
      String prefix = path(inner);
      return prefix == null ? null : prefix + "." + s;
    }
    return null;
  }

  /**
   * Argo's {@code hasVarInEnv}: the dotted path leads to a value (nil counts) in the nested env.
   */
  private static boolean present(Map<String, Object> env, String path) {
    Object at = env;
    for (String part : path.split("\\.", -1)) {
      if (!(at instanceof Map<?, ?> map) || !map.containsKey(part)) {
        return false;
      }
      at = map.get(part);
    }
    return true;
  }

  /**
   * Argo's environment: dotted names become nested maps ({@code lastRetry.exitCode} is member
   * {@code exitCode} of map {@code lastRetry}); where both {@code a} and {@code a.b} are given the
   * less specific one is dropped, as Argo's {@code expand} does. Java numbers become Go's int64 or
   * float64.
   */
  static Map<String, Object> environment(Map<String, Object> scope) {
    Map<String, Object> env = new TreeMap<>();
    for (Map.Entry<String, Object> e : new TreeMap<>(scope).entrySet()) {
      String[] path = e.getKey().split("\\.", -1);
      Map<String, Object> at = env;
      for (int i = 0; i < path.length - 1; i++) {
        Object child = at.get(path[i]);
        if (!(child instanceof Map<?, ?>)) {
          child = new TreeMap<String, Object>();
          at.put(path[i], child);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> next = (Map<String, Object>) child;
        at = next;
      }
      String leaf = path[path.length - 1];
      if (!(at.get(leaf) instanceof Map<?, ?>)) {
        at.put(leaf, value(e.getValue()));
      }
    }
    return env;
  }

  private static Object value(Object v) {
    if (ABSENT.equals(v)) {
      return null;
    }
    return switch (v) {
      case Integer i -> i.longValue();
      case Short s -> s.longValue();
      case Byte b -> b.longValue();
      case Float f -> f.doubleValue();
      case BigDecimal d -> d.doubleValue();
      case List<?> l -> {
        List<Object> out = new ArrayList<>(l.size());
        l.forEach(x -> out.add(value(x)));
        yield out;
      }
      case null, default -> v;
    };
  }

  @Override
  public String toString() {
    return source;
  }
}
