package dev.targo.argo.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Tree-walking evaluation with expr-lang's runtime rules ({@code vm/runtime}): numbers mix int and
 * float, {@code /} and {@code **} always give floats, {@code ==} across types is false, ordering
 * across types is an error, {@code &&}/{@code ||} short-circuit and yield the right operand. Errors
 * carry the failing node's position. Deterministic and bounded by the tree's size.
 */
final class Evaluator {
  /** Steps a regular expression may take before {@code matches} gives up. */
  static final long REGEX_BUDGET = 1_000_000;

  private final String src;
  private final Map<String, Object> env;

  /** Above zero while the left side of {@code ??} runs: members of nil read as nil there. */
  private int nilSafe;

  /** The elements closures are being called with, innermost last ({@code #}, {@code #index}). */
  private final java.util.ArrayDeque<Object[]> pointers = new java.util.ArrayDeque<>();

  private Evaluator(String src, Map<String, Object> env) {
    this.src = src;
    this.env = env;
  }

  static Object evaluate(String src, Node root, Map<String, Object> env) {
    return new Evaluator(src, env).eval(root);
  }

  private Object eval(Node node) {
    return switch (node) {
      case Node.Literal l -> l.value();
      case Node.Identifier id -> env.get(id.name());
      case Node.Member m -> member(m);
      case Node.Unary u -> unary(u);
      case Node.Binary b -> binary(b);
      case Node.Conditional c -> bool(c, eval(c.cond())) ? eval(c.then()) : eval(c.otherwise());
      case Node.Call c -> call(c);
      case Node.Array a -> {
        List<Object> out = new ArrayList<>(a.items().size());
        a.items().forEach(item -> out.add(eval(item)));
        yield out;
      }
      case Node.MapLiteral m -> {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < m.keys().size(); i++) {
          Object key = eval(m.keys().get(i));
          out.put(key instanceof String k ? k : Functions.format(key), eval(m.values().get(i)));
        }
        yield out;
      }
      case Node.Slice sl -> slice(sl);
      case Node.Pointer p -> {
        Object[] current = pointers.peekLast();
        if (current == null) {
          throw error(p, "cannot use pointer accessor outside predicate");
        }
        yield p.name().equals("index") ? current[1] : p.name().isEmpty() ? current[0] : null;
      }
      case Node.Closure c -> throw error(c, "a closure can only be the predicate of a builtin");
    };
  }

  private Object call(Node.Call c) {
    if (Library.takesClosure(c.function())) {
      return predicate(c);
    }
    List<Object> args = new ArrayList<>(c.args().size());
    c.args().forEach(a -> args.add(eval(a)));
    try {
      if (args.size() == 1 && Functions.isFunction(c.function())) {
        return Functions.call(c.function(), args.get(0));
      }
      return Library.call(c.function(), args);
    } catch (IllegalStateException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw error(c, e.getMessage());
    }
  }

  /**
   * expr-lang's builtins over an array with a closure: {@code filter}, {@code map}, {@code all}…
   */
  private Object predicate(Node.Call c) {
    if (c.args().isEmpty() || c.args().size() > 2) {
      throw error(c, "invalid number of arguments (expected 2, got " + c.args().size() + ")");
    }
    Object base = eval(c.args().get(0));
    List<Object> items;
    try {
      items = Library.list(base);
    } catch (IllegalStateException e) {
      throw error(c, "cannot iterate over " + Type.goTypeOf(base));
    }
    Node body =
        c.args().size() > 1
            ? c.args().get(1) instanceof Node.Closure cl ? cl.body() : c.args().get(1)
            : null;
    if (body == null && !c.function().equals("sum") && !c.function().equals("count")) {
      throw error(c, "invalid number of arguments (expected 2, got 1)");
    }
    String f = c.function();
    List<Object> kept = new ArrayList<>();
    List<Object> mapped = new ArrayList<>();
    long trueCount = 0;
    Object found = null;
    long foundIndex = -1;
    for (int i = 0; i < items.size(); i++) {
      Object item = items.get(i);
      Object value;
      if (body == null) {
        value = item;
      } else {
        pointers.addLast(new Object[] {item, (long) i});
        try {
          value = eval(body);
        } finally {
          pointers.removeLast();
        }
      }
      if (f.equals("map") || f.equals("sum")) {
        mapped.add(value);
        continue;
      }
      if (f.equals("groupBy") || f.equals("sortBy")) {
        mapped.add(value);
        kept.add(item);
        continue;
      }
      boolean yes = bool(body == null ? c : body, value);
      if (yes) {
        trueCount++;
        kept.add(item);
        if (f.equals("find") || f.equals("findIndex")) {
          if (foundIndex < 0) {
            found = item;
            foundIndex = i;
          }
        } else if (f.equals("findLast") || f.equals("findLastIndex")) {
          found = item;
          foundIndex = i;
        }
      } else if (f.equals("all")) {
        return false;
      }
    }
    return switch (f) {
      case "all" -> true;
      case "any" -> trueCount > 0;
      case "none" -> trueCount == 0;
      case "one" -> trueCount == 1;
      case "count" -> trueCount;
      case "filter" -> kept;
      case "map" -> mapped;
      case "find", "findLast" -> found;
      case "findIndex", "findLastIndex" -> foundIndex;
      case "sum" -> {
        Object total = 0L;
        for (Object v : mapped) {
          total = arithmetic(new Node.Binary("+", c, c, c.pos()), total, v);
        }
        yield total;
      }
      case "groupBy" -> {
        Map<String, Object> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kept.size(); i++) {
          @SuppressWarnings("unchecked")
          List<Object> group =
              (List<Object>)
                  groups.computeIfAbsent(
                      Functions.format(mapped.get(i)), k -> new ArrayList<Object>());
          group.add(kept.get(i));
        }
        yield groups;
      }
      default -> { // sortBy
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < kept.size(); i++) {
          order.add(i);
        }
        order.sort(
            (x, y) -> {
              Object a = mapped.get(x);
              Object b = mapped.get(y);
              Object less = compare(new Node.Binary("<", c, c, c.pos()), a, b);
              return Boolean.TRUE.equals(less) ? -1 : Evaluator.equal(a, b) ? 0 : 1;
            });
        List<Object> out = new ArrayList<>();
        order.forEach(i -> out.add(kept.get(i)));
        yield out;
      }
    };
  }

  private Object slice(Node.Slice sl) {
    Object base = eval(sl.base());
    Object from = sl.from() == null ? null : eval(sl.from());
    Object to = sl.to() == null ? null : eval(sl.to());
    int n =
        switch (base) {
          case List<?> l -> l.size();
          case String s -> s.length();
          case null, default -> throw error(sl, "cannot slice " + Type.goTypeOf(base));
        };
    long a = from == null ? 0 : index(sl, from, n);
    long b = to == null ? n : index(sl, to, n);
    a = Math.max(0, Math.min(a, n));
    b = Math.max(a, Math.min(b, n));
    return base instanceof List<?> l
        ? new ArrayList<Object>(l.subList((int) a, (int) b))
        : ((String) base).substring((int) a, (int) b);
  }

  private long index(Node at, Object v, int n) {
    if (!(v instanceof Long l)) {
      throw error(at, "invalid slice index (type " + Type.goTypeOf(v) + ")");
    }
    return l < 0 ? n + l : l;
  }

  private Object member(Node.Member m) {
    Object base = eval(m.base());
    if (base == null && (m.optional() || nilSafe > 0)) {
      return null;
    }
    Object key = eval(m.property());
    if (base instanceof Map<?, ?> map) {
      if (key != null && !(key instanceof String)) {
        throw error(
            m,
            "reflect.Value.MapIndex: value of type "
                + Type.goTypeOf(key)
                + " is not assignable to type string");
      }
      return map.get(key); // a missing key reads as nil
    }
    if (base instanceof List<?> list && key instanceof Long index) {
      long i = index < 0 ? list.size() + index : index;
      if (i < 0 || i >= list.size()) {
        throw error(m, "index out of range: " + i + " (array length is " + list.size() + ")");
      }
      return list.get((int) i);
    }
    throw error(m, "cannot fetch " + Functions.format(key) + " from " + Type.goTypeOf(base));
  }

  private Object unary(Node.Unary u) {
    Object v = eval(u.operand());
    return switch (u.op()) {
      case "!", "not" -> !bool(u, v);
      case "-" ->
          switch (v) {
            case Long l -> -l;
            case Double d -> -d;
            case null, default -> throw error(u, "invalid operation: - " + Type.goTypeOf(v));
          };
      default -> v;
    };
  }

  private Object binary(Node.Binary b) {
    String op = b.op();
    if (op.equals("&&") || op.equals("and")) {
      return bool(b, eval(b.left())) ? eval(b.right()) : Boolean.FALSE;
    }
    if (op.equals("||") || op.equals("or")) {
      return bool(b, eval(b.left())) ? Boolean.TRUE : eval(b.right());
    }
    if (op.equals("??")) {
      Object left;
      nilSafe++;
      try {
        left = eval(b.left());
      } finally {
        nilSafe--;
      }
      return left != null ? left : eval(b.right());
    }
    Object l = eval(b.left());
    Object r = eval(b.right());
    return switch (op) {
      case "==" -> equal(l, r);
      case "!=" -> !equal(l, r);
      case "<", ">", "<=", ">=" -> compare(b, l, r);
      case "+", "-", "*" -> arithmetic(b, l, r);
      case "/" -> {
        if (!(l instanceof Long || l instanceof Double)
            || !(r instanceof Long || r instanceof Double)) {
          throw mismatch(b, l, r);
        }
        yield toDouble(l) / toDouble(r);
      }
      case "%" -> {
        if (!(l instanceof Long x) || !(r instanceof Long y)) {
          throw mismatch(b, l, r);
        }
        if (y == 0) {
          throw error(b, "runtime error: integer divide by zero");
        }
        yield x % y;
      }
      case "**" -> {
        for (Object v : new Object[] {l, r}) {
          if (!(v instanceof Long || v instanceof Double)) {
            throw error(b, "invalid operation: float64(" + Type.goTypeOf(v) + ")");
          }
        }
        yield Math.pow(toDouble(l), toDouble(r));
      }
      case "in" -> in(b, l, r);
      case "matches" -> matches(b, string(b, l), string(b, r));
      case "contains" -> string(b, l).contains(string(b, r));
      case "startsWith" -> string(b, l).startsWith(string(b, r));
      case "endsWith" -> string(b, l).endsWith(string(b, r));
      default -> throw error(b, "unknown operator (" + op + ")");
    };
  }

  /** expr-lang's {@code runtime.Equal}: numbers by value, same-typed values, nil with nil. */
  static boolean equal(Object l, Object r) {
    if ((l instanceof Long || l instanceof Double) && (r instanceof Long || r instanceof Double)) {
      if (l instanceof Long x && r instanceof Long y) {
        return x.longValue() == y.longValue();
      }
      return toDouble(l) == toDouble(r);
    }
    if (l instanceof List<?> a && r instanceof List<?> c) {
      return deepEqual(a, c);
    }
    return Objects.equals(l, r);
  }

  /** Go's reflect.DeepEqual on interface values: types must match exactly, element by element. */
  private static boolean deepEqual(Object l, Object r) {
    if (l instanceof List<?> a && r instanceof List<?> c) {
      if (a.size() != c.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!deepEqual(a.get(i), c.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(l, r);
  }

  private Object compare(Node.Binary b, Object l, Object r) {
    int c;
    if (l instanceof Long x && r instanceof Long y) {
      c = Long.compare(x, y);
    } else if ((l instanceof Long || l instanceof Double)
        && (r instanceof Long || r instanceof Double)) {
      double x = toDouble(l);
      double y = toDouble(r);
      if (Double.isNaN(x) || Double.isNaN(y)) {
        return false; // every ordering with NaN is false in Go
      }
      c = Double.compare(x, y) == 0 ? 0 : x < y ? -1 : 1;
    } else if (l instanceof String x && r instanceof String y) {
      c = compareUtf8(x, y);
    } else {
      throw mismatch(b, l, r);
    }
    return switch (b.op()) {
      case "<" -> c < 0;
      case ">" -> c > 0;
      case "<=" -> c <= 0;
      default -> c >= 0;
    };
  }

  /** Go compares strings bytewise in UTF-8, which is code point order. */
  private static int compareUtf8(String x, String y) {
    int i = 0;
    int j = 0;
    while (i < x.length() && j < y.length()) {
      int a = x.codePointAt(i);
      int c = y.codePointAt(j);
      if (a != c) {
        return Integer.compare(a, c);
      }
      i += Character.charCount(a);
      j += Character.charCount(c);
    }
    return Integer.compare(x.length() - i, y.length() - j);
  }

  private Object arithmetic(Node.Binary b, Object l, Object r) {
    if (b.op().equals("+") && l instanceof String x && r instanceof String y) {
      return x + y;
    }
    if (l instanceof Long x && r instanceof Long y) {
      // Go's int arithmetic wraps around, as Java's long arithmetic does.
      return switch (b.op()) {
        case "+" -> x + y;
        case "-" -> x - y;
        default -> x * y;
      };
    }
    if ((l instanceof Long || l instanceof Double) && (r instanceof Long || r instanceof Double)) {
      double x = toDouble(l);
      double y = toDouble(r);
      return switch (b.op()) {
        case "+" -> x + y;
        case "-" -> x - y;
        default -> x * y;
      };
    }
    throw mismatch(b, l, r);
  }

  private Object in(Node.Binary b, Object needle, Object haystack) {
    return switch (haystack) {
      case null -> false;
      case List<?> list -> list.stream().anyMatch(e -> equal(e, needle));
      case Map<?, ?> map -> {
        if (needle != null && !(needle instanceof String)) {
          throw error(
              b,
              "reflect.Value.MapIndex: value of type "
                  + Type.goTypeOf(needle)
                  + " is not assignable to type string");
        }
        yield map.containsKey(needle);
      }
      default -> throw error(b, "operator \"in\" not defined on " + Type.goTypeOf(haystack));
    };
  }

  private boolean matches(Node.Binary b, String text, String regex) {
    Pattern pattern;
    try {
      pattern = Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw error(b, "error parsing regexp: " + e.getDescription() + ": `" + regex + "`");
    }
    try {
      return pattern.matcher(new BudgetedText(text, REGEX_BUDGET)).find();
    } catch (BudgetedText.Exhausted e) {
      throw error(
          b, "regular expression too expensive to evaluate (more than " + REGEX_BUDGET + " steps)");
    }
  }

  private boolean bool(Node at, Object v) {
    if (v instanceof Boolean bool) {
      return bool;
    }
    throw error(
        at,
        "interface conversion: interface {} is "
            + (v == null ? "nil" : Type.goTypeOf(v))
            + ", not bool");
  }

  private String string(Node at, Object v) {
    if (v instanceof String s) {
      return s;
    }
    throw error(
        at,
        "interface conversion: interface {} is "
            + (v == null ? "nil" : Type.goTypeOf(v))
            + ", not string");
  }

  private static double toDouble(Object v) {
    return v instanceof Long l ? l.doubleValue() : (Double) v;
  }

  private ExprException mismatch(Node.Binary b, Object l, Object r) {
    return error(
        b, "invalid operation: " + Type.goTypeOf(l) + " " + b.op() + " " + Type.goTypeOf(r));
  }

  private ExprException error(Node n, String message) {
    return ExprException.runtime(message, src, n.pos());
  }
}
