package dev.targo.argo.expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Argo's {@code jsonpath(json, path)} (the evilmonkeyinc/jsonpath library): {@code $}, {@code
 * .name}, {@code ['name']}, {@code [n]} (negative from the end), {@code [*]} and {@code .*}, {@code
 * [from:to:step]}, unions {@code [0,2]} / {@code ['a','b']}, recursive descent {@code ..name} and
 * filters {@code [?(@.age > 42 && @.name == "Mo")]}. A path made only of names and indexes gives
 * the value itself; any wildcard, slice, union, filter or recursive step gives a list of the
 * matches. Pure.
 */
final class JsonPath {
  private final String path;
  private int at;

  private JsonPath(String path) {
    this.path = path;
  }

  /** Queries {@code data} (a Go value); throws IllegalStateException with the library's words. */
  static Object query(String path, Object data) {
    JsonPath p = new JsonPath(path.strip());
    if (!p.path.startsWith("$")) {
      throw new IllegalStateException("invalid parameter. expected root '$'");
    }
    p.at = 1;
    List<Object> current = new ArrayList<>();
    current.add(data);
    boolean collection = false;
    while (p.at < p.path.length()) {
      Step step = p.step();
      collection |= step.collection;
      List<Object> next = new ArrayList<>();
      for (Object value : current) {
        step.apply(value, next);
      }
      if (!step.collection && next.isEmpty() && !collection) {
        throw new IllegalStateException("key: invalid token target. " + step.describe);
      }
      current = next;
    }
    if (collection) {
      return current;
    }
    return current.isEmpty() ? null : current.get(0);
  }

  /** One selector of the path. */
  private interface Selector {
    void apply(Object value, List<Object> out);
  }

  private record Step(Selector selector, boolean collection, String describe) {
    void apply(Object value, List<Object> out) {
      selector.apply(value, out);
    }
  }

  private Step step() {
    char c = path.charAt(at);
    if (path.startsWith("..", at)) {
      at += 2;
      Step inner = path.charAt(at) == '[' ? bracket() : dotted();
      return new Step((v, out) -> descend(v, inner, out), true, "recursive " + inner.describe);
    }
    if (c == '.') {
      at++;
      return dotted();
    }
    if (c == '[') {
      return bracket();
    }
    throw new IllegalStateException("invalid token at " + at + " of '" + path + "'");
  }

  private static void descend(Object v, Step inner, List<Object> out) {
    inner.apply(v, out);
    if (v instanceof Map<?, ?> map) {
      for (Object child : new TreeMap<>(map).values()) {
        descend(child, inner, out);
      }
    } else if (v instanceof List<?> list) {
      for (Object child : list) {
        descend(child, inner, out);
      }
    }
  }

  private Step dotted() {
    if (at < path.length() && path.charAt(at) == '*') {
      at++;
      return new Step(JsonPath::all, true, "*");
    }
    int start = at;
    while (at < path.length() && path.charAt(at) != '.' && path.charAt(at) != '[') {
      at++;
    }
    String key = path.substring(start, at);
    if (key.isEmpty()) {
      throw new IllegalStateException("invalid token. '.' must be followed by a key");
    }
    return new Step((v, out) -> key(v, key, out), false, "'" + key + "'");
  }

  private static void all(Object v, List<Object> out) {
    if (v instanceof Map<?, ?> map) {
      out.addAll(new TreeMap<>(map).values());
    } else if (v instanceof List<?> list) {
      out.addAll(list);
    }
  }

  private static void key(Object v, String key, List<Object> out) {
    if (v instanceof Map<?, ?> map && map.containsKey(key)) {
      out.add(map.get(key));
    }
  }

  private static void index(Object v, long i, List<Object> out) {
    if (v instanceof List<?> list) {
      long k = i < 0 ? list.size() + i : i;
      if (k >= 0 && k < list.size()) {
        out.add(list.get((int) k));
      }
    }
  }

  private Step bracket() {
    int close = closing(at);
    String inside = path.substring(at + 1, close).strip();
    at = close + 1;
    if (inside.equals("*")) {
      return new Step(JsonPath::all, true, "[*]");
    }
    if (inside.startsWith("?(") && inside.endsWith(")")) {
      Filter filter = new Filter(inside.substring(2, inside.length() - 1));
      return new Step(
          (v, out) -> {
            List<Object> candidates = new ArrayList<>();
            all(v, candidates);
            for (Object c : candidates) {
              if (filter.matches(c)) {
                out.add(c);
              }
            }
          },
          true,
          "[" + inside + "]");
    }
    List<String> parts = split(inside);
    if (parts.size() == 1 && parts.get(0).contains(":") && !quoted(parts.get(0))) {
      String[] bounds = parts.get(0).split(":", -1);
      return new Step((v, out) -> slice(v, bounds, out), true, "[" + inside + "]");
    }
    List<Selector> selectors = new ArrayList<>();
    for (String part : parts) {
      if (quoted(part)) {
        String key = part.substring(1, part.length() - 1);
        selectors.add((v, out) -> key(v, key, out));
      } else {
        long i;
        try {
          i = Long.parseLong(part);
        } catch (NumberFormatException e) {
          throw new IllegalStateException("invalid token. unexpected '" + part + "' in brackets");
        }
        selectors.add((v, out) -> index(v, i, out));
      }
    }
    return new Step(
        (v, out) -> selectors.forEach(s -> s.apply(v, out)), parts.size() > 1, "[" + inside + "]");
  }

  private static void slice(Object v, String[] bounds, List<Object> out) {
    if (!(v instanceof List<?> list)) {
      return;
    }
    int n = list.size();
    long step = bounds.length > 2 && !bounds[2].isBlank() ? Long.parseLong(bounds[2].strip()) : 1;
    if (step == 0) {
      return;
    }
    long from = bound(bounds[0], step > 0 ? 0 : n - 1, n);
    long to = bound(bounds.length > 1 ? bounds[1] : "", step > 0 ? n : -n - 1, n);
    if (step > 0) {
      for (long i = Math.max(from, 0); i < Math.min(to, n); i += step) {
        out.add(list.get((int) i));
      }
    } else {
      for (long i = Math.min(from, n - 1); i > Math.max(to, -1); i += step) {
        out.add(list.get((int) i));
      }
    }
  }

  private static long bound(String text, long absent, int n) {
    if (text.isBlank()) {
      return absent;
    }
    long b;
    try {
      b = Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("invalid token. unexpected '" + text + "' in slice");
    }
    return b < 0 ? n + b : b;
  }

  private static boolean quoted(String s) {
    return s.length() >= 2
        && ((s.startsWith("'") && s.endsWith("'")) || (s.startsWith("\"") && s.endsWith("\"")));
  }

  /** The index of the bracket closing the one at {@code open}, skipping quotes and nesting. */
  private int closing(int open) {
    int depth = 0;
    char quote = 0;
    for (int i = open; i < path.length(); i++) {
      char c = path.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '[') {
        depth++;
      } else if (c == ']' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException("invalid token. missing closing ']' in '" + path + "'");
  }

  /** Splits a bracket's content at top-level commas. */
  private static List<String> split(String s) {
    List<String> parts = new ArrayList<>();
    char quote = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == ',') {
        parts.add(s.substring(start, i).strip());
        start = i + 1;
      }
    }
    parts.add(s.substring(start).strip());
    return parts;
  }

  /**
   * A filter's condition: {@code ||}, {@code &&}, {@code !}, parentheses, comparisons ({@code == !=
   * < <= > >=}) of {@code @…} / {@code $…} paths and literals, and a bare path as "exists and is
   * not false".
   */
  private static final class Filter {
    private final String src;
    private int at;

    Filter(String src) {
      this.src = src;
    }

    boolean matches(Object current) {
      at = 0;
      boolean result = truthy(or(current));
      skipSpace();
      if (at < src.length()) {
        throw new IllegalStateException("invalid filter expression '" + src + "'");
      }
      return result;
    }

    private Object or(Object current) {
      Object left = and(current);
      while (take("||")) {
        Object right = and(current);
        left = truthy(left) || truthy(right);
      }
      return left;
    }

    private Object and(Object current) {
      Object left = comparison(current);
      while (take("&&")) {
        Object right = comparison(current);
        left = truthy(left) && truthy(right);
      }
      return left;
    }

    private Object comparison(Object current) {
      Object left = operand(current);
      for (String op : List.of("==", "!=", "<=", ">=", "<", ">")) {
        if (take(op)) {
          return compare(op, left, operand(current));
        }
      }
      return left;
    }

    private Object operand(Object current) {
      skipSpace();
      if (take("!")) {
        return !truthy(operand(current));
      }
      if (take("(")) {
        Object inner = or(current);
        if (!take(")")) {
          throw new IllegalStateException("invalid filter expression '" + src + "'");
        }
        return inner;
      }
      char c = src.charAt(at);
      if (c == '@' || c == '$') {
        int start = at++;
        while (at < src.length() && ".[]_-*'\"".indexOf(src.charAt(at)) >= 0
            || at < src.length() && Character.isLetterOrDigit(src.charAt(at))) {
          if (src.charAt(at) == '[') {
            at = closingIn(at);
          }
          at++;
        }
        String sub = "$" + src.substring(start + 1, at);
        try {
          return query(sub, current);
        } catch (IllegalStateException missing) {
          return Missing.VALUE;
        }
      }
      if (c == '\'' || c == '"') {
        int end = src.indexOf(c, at + 1);
        if (end < 0) {
          throw new IllegalStateException("invalid filter expression '" + src + "'");
        }
        String s = src.substring(at + 1, end);
        at = end + 1;
        return s;
      }
      int start = at;
      while (at < src.length() && "+-.eE0123456789".indexOf(src.charAt(at)) >= 0) {
        at++;
      }
      if (at > start) {
        return Double.parseDouble(src.substring(start, at));
      }
      for (String word : List.of("true", "false", "null")) {
        if (take(word)) {
          return word.equals("null") ? null : Boolean.valueOf(word);
        }
      }
      throw new IllegalStateException("invalid filter expression '" + src + "'");
    }

    private int closingIn(int open) {
      int depth = 0;
      for (int i = open; i < src.length(); i++) {
        if (src.charAt(i) == '[') {
          depth++;
        } else if (src.charAt(i) == ']' && --depth == 0) {
          return i;
        }
      }
      return src.length() - 1;
    }

    private static Object compare(String op, Object l, Object r) {
      if (l == Missing.VALUE || r == Missing.VALUE) {
        return op.equals("!=");
      }
      if (l instanceof Number a && r instanceof Number b) {
        int c = Double.compare(a.doubleValue(), b.doubleValue());
        return test(op, c);
      }
      if (l instanceof String a && r instanceof String b) {
        return test(op, a.compareTo(b));
      }
      boolean equal = java.util.Objects.equals(l, r);
      return switch (op) {
        case "==" -> equal;
        case "!=" -> !equal;
        default -> false;
      };
    }

    private static boolean test(String op, int c) {
      return switch (op) {
        case "==" -> c == 0;
        case "!=" -> c != 0;
        case "<" -> c < 0;
        case "<=" -> c <= 0;
        case ">" -> c > 0;
        default -> c >= 0;
      };
    }

    private static boolean truthy(Object v) {
      return v != Missing.VALUE && v != null && !Boolean.FALSE.equals(v);
    }

    private boolean take(String token) {
      skipSpace();
      if (src.startsWith(token, at)) {
        at += token.length();
        return true;
      }
      return false;
    }

    private void skipSpace() {
      while (at < src.length() && Character.isWhitespace(src.charAt(at))) {
        at++;
      }
    }
  }

  /** A path in a filter that selects nothing. */
  private enum Missing {
    VALUE
  }
}
