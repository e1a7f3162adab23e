package dev.targo.argo.expr;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The functions of Argo's {@code {{=…}}} and {@code valueFrom.expression} environment beyond the
 * few a retry expression's checker knows ({@link Functions}): expr-lang's builtins, Argo's {@code
 * jsonpath} and {@code toJson}, and the {@code sprig.*} functions (Masterminds/sprig) that Argo's
 * examples and documentation use. Arguments follow Go's conversions: sprig's arithmetic casts to
 * int64 as {@code cast.ToInt64} does. Problems are thrown as {@link IllegalStateException}, which
 * the evaluator reports at the call. Deterministic: no clock, no environment.
 */
final class Library {
  private Library() {}

  /** Builtins whose second argument is a closure over {@code #}. */
  private static final Set<String> PREDICATES =
      Set.of(
          "all",
          "any",
          "none",
          "one",
          "filter",
          "map",
          "count",
          "find",
          "findIndex",
          "findLast",
          "findLastIndex",
          "sum",
          "groupBy",
          "sortBy");

  private static final Set<String> BUILTINS =
      Set.of(
          "abs",
          "ceil",
          "floor",
          "round",
          "max",
          "min",
          "mean",
          "trimPrefix",
          "trimSuffix",
          "split",
          "replace",
          "repeat",
          "indexOf",
          "lastIndexOf",
          "hasPrefix",
          "hasSuffix",
          "join",
          "keys",
          "values",
          "first",
          "last",
          "get",
          "toJSON",
          "fromJSON",
          "toBase64",
          "fromBase64",
          "type",
          "reverse",
          "concat",
          "jsonpath",
          "toJson",
          "trim",
          "upper",
          "lower",
          "len",
          "string",
          "int",
          "float");

  private static final Set<String> SPRIG =
      Set.of(
          "add",
          "add1",
          "sub",
          "mul",
          "div",
          "mod",
          "max",
          "min",
          "floor",
          "ceil",
          "round",
          "b64enc",
          "b64dec",
          "upper",
          "lower",
          "trim",
          "trimAll",
          "trimPrefix",
          "trimSuffix",
          "replace",
          "contains",
          "hasPrefix",
          "hasSuffix",
          "repeat",
          "substr",
          "trunc",
          "quote",
          "squote",
          "cat",
          "join",
          "splitList",
          "list",
          "dict",
          "first",
          "last",
          "default",
          "empty",
          "coalesce",
          "ternary",
          "toString",
          "toJson",
          "toPrettyJson",
          "fromJson",
          "atoi",
          "int",
          "int64",
          "float64",
          "date",
          "sha256sum",
          "sha1sum",
          "regexMatch",
          "regexReplaceAll",
          "nospace",
          "title",
          "len",
          "has",
          "uniq",
          "reverse",
          "keys",
          "get",
          "toStrings",
          "seq",
          "until");

  static boolean takesClosure(String function) {
    return PREDICATES.contains(function);
  }

  /** Whether {@code function} (a bare name or {@code sprig.name}) is known. */
  static boolean has(String function) {
    if (function.startsWith("sprig.")) {
      return SPRIG.contains(function.substring("sprig.".length()));
    }
    return PREDICATES.contains(function)
        || BUILTINS.contains(function)
        || Functions.isFunction(function);
  }

  /** Calls a function that takes no closure with evaluated arguments. */
  static Object call(String function, List<Object> args) {
    if (function.startsWith("sprig.")) {
      return sprig(function.substring("sprig.".length()), args);
    }
    return switch (function) {
      case "abs" -> {
        Object x = arg(args, 0, 1);
        yield x instanceof Long l ? (Object) Math.abs(l) : (Object) Math.abs(dbl(x));
      }
      case "ceil" -> Math.ceil(dbl(arg(args, 0, 1)));
      case "floor" -> Math.floor(dbl(arg(args, 0, 1)));
      case "round" -> (double) Math.round(dbl(arg(args, 0, 1)));
      case "max", "min" -> extreme(function, flatten(args), function.equals("max"));
      case "mean" -> {
        List<Object> xs = flatten(args);
        double sum = 0;
        for (Object x : xs) {
          sum += dbl(x);
        }
        yield xs.isEmpty() ? 0.0 : sum / xs.size();
      }
      case "trim" -> args.size() > 1 ? trimSet(str(args.get(0)), str(args.get(1))) : goTrim(args);
      case "trimPrefix" ->
          trimPrefix(str(arg(args, 0, 2)), args.size() > 1 ? str(args.get(1)) : " ");
      case "trimSuffix" ->
          trimSuffix(str(arg(args, 0, 2)), args.size() > 1 ? str(args.get(1)) : " ");
      case "split" -> splitList(str(arg(args, 1, 2)), str(args.get(1)));
      case "replace" -> str(arg(args, 2, 3)).replace(str(args.get(1)), str(args.get(2)));
      case "repeat" -> str(arg(args, 1, 2)).repeat((int) lng(args.get(1)));
      case "indexOf" -> (long) str(arg(args, 1, 2)).indexOf(str(args.get(1)));
      case "lastIndexOf" -> (long) str(arg(args, 1, 2)).lastIndexOf(str(args.get(1)));
      case "hasPrefix" -> str(arg(args, 1, 2)).startsWith(str(args.get(1)));
      case "hasSuffix" -> str(arg(args, 1, 2)).endsWith(str(args.get(1)));
      case "join" -> {
        List<Object> xs = list(arg(args, 0, 2));
        String sep = args.size() > 1 ? str(args.get(1)) : "";
        yield String.join(sep, xs.stream().map(Library::str).toList());
      }
      case "keys" -> new ArrayList<Object>(new TreeMap<>(map(arg(args, 0, 1))).keySet());
      case "values" -> new ArrayList<Object>(new TreeMap<>(map(arg(args, 0, 1))).values());
      case "first" -> {
        List<Object> xs = list(arg(args, 0, 1));
        yield xs.isEmpty() ? null : xs.get(0);
      }
      case "last" -> {
        List<Object> xs = list(arg(args, 0, 1));
        yield xs.isEmpty() ? null : xs.get(xs.size() - 1);
      }
      case "get" -> get(arg(args, 1, 2), args.get(1));
      case "toJSON" -> GoValues.marshalIndent(arg(args, 0, 1));
      case "toJson" -> GoValues.marshal(arg(args, 0, 1));
      case "fromJSON" -> GoValues.unmarshal(str(arg(args, 0, 1)));
      case "toBase64" ->
          Base64.getEncoder().encodeToString(str(arg(args, 0, 1)).getBytes(StandardCharsets.UTF_8));
      case "fromBase64" -> b64dec(str(arg(args, 0, 1)), true);
      case "type" -> type(arg(args, 0, 1));
      case "reverse" -> {
        List<Object> xs = new ArrayList<>(list(arg(args, 0, 1)));
        java.util.Collections.reverse(xs);
        yield xs;
      }
      case "concat" -> {
        List<Object> out = new ArrayList<>();
        args.forEach(a -> out.addAll(list(a)));
        yield out;
      }
      case "jsonpath" -> JsonPath.query(str(args.get(1)), GoValues.unmarshal(str(arg(args, 1, 2))));
      default -> {
        if (args.size() != 1) {
          throw new IllegalStateException(
              "invalid number of arguments (expected 1, got " + args.size() + ")");
        }
        yield Functions.call(function, args.get(0));
      }
    };
  }

  private static Object goTrim(List<Object> args) {
    return Functions.call("trim", arg(args, 0, 2));
  }

  private static Object sprig(String name, List<Object> args) {
    return switch (name) {
      case "add" -> {
        long sum = 0;
        for (Object a : args) {
          sum += toInt64(a);
        }
        yield sum;
      }
      case "add1" -> toInt64(arg(args, 0, 1)) + 1;
      case "sub" -> toInt64(arg(args, 1, 2)) - toInt64(args.get(1));
      case "mul" -> {
        long product = 1;
        for (Object a : args) {
          product *= toInt64(a);
        }
        yield product;
      }
      case "div" -> {
        long d = toInt64(arg(args, 1, 2));
        if (toInt64(args.get(1)) == 0) {
          throw new IllegalStateException("runtime error: integer divide by zero");
        }
        yield d / toInt64(args.get(1));
      }
      case "mod" -> {
        long a = toInt64(arg(args, 1, 2));
        long m = toInt64(args.get(1));
        if (m == 0) {
          throw new IllegalStateException("runtime error: integer divide by zero");
        }
        yield a % m;
      }
      case "max", "min" -> {
        if (args.isEmpty()) {
          throw new IllegalStateException("not enough arguments to call sprig." + name);
        }
        long best = toInt64(args.get(0));
        for (Object a : args) {
          long v = toInt64(a);
          best = name.equals("max") ? Math.max(best, v) : Math.min(best, v);
        }
        yield best;
      }
      case "floor" -> Math.floor(toFloat64(arg(args, 0, 1)));
      case "ceil" -> Math.ceil(toFloat64(arg(args, 0, 1)));
      case "round" -> {
        double x = toFloat64(arg(args, 0, 2));
        long places = args.size() > 1 ? toInt64(args.get(1)) : 0;
        double scale = Math.pow(10, places);
        yield Math.round(x * scale) / scale;
      }
      case "b64enc" ->
          Base64.getEncoder()
              .encodeToString(toStr(arg(args, 0, 1)).getBytes(StandardCharsets.UTF_8));
      case "b64dec" -> b64dec(toStr(arg(args, 0, 1)), false);
      case "upper" -> toStr(arg(args, 0, 1)).toUpperCase(Locale.ROOT);
      case "lower" -> toStr(arg(args, 0, 1)).toLowerCase(Locale.ROOT);
      case "trim" -> toStr(arg(args, 0, 1)).strip();
      case "nospace" -> toStr(arg(args, 0, 1)).replaceAll("\\s", "");
      case "title" -> title(toStr(arg(args, 0, 1)));
      case "trimAll" -> trimSet(toStr(args.get(1)), toStr(arg(args, 1, 2)));
      case "trimPrefix" -> trimPrefix(toStr(args.get(1)), toStr(arg(args, 1, 2)));
      case "trimSuffix" -> trimSuffix(toStr(args.get(1)), toStr(arg(args, 1, 2)));
      case "replace" -> toStr(args.get(2)).replace(toStr(arg(args, 2, 3)), toStr(args.get(1)));
      case "contains" -> toStr(args.get(1)).contains(toStr(arg(args, 1, 2)));
      case "hasPrefix" -> toStr(args.get(1)).startsWith(toStr(arg(args, 1, 2)));
      case "hasSuffix" -> toStr(args.get(1)).endsWith(toStr(arg(args, 1, 2)));
      case "repeat" -> toStr(args.get(1)).repeat((int) Math.max(0, toInt64(arg(args, 1, 2))));
      case "substr" -> {
        arg(args, 2, 3);
        String s = toStr(args.get(2));
        long start = toInt64(args.get(0));
        long end = toInt64(args.get(1));
        if (start < 0) {
          yield s.substring(0, (int) Math.min(Math.max(end, 0), s.length()));
        }
        if (end < 0 || end > s.length()) {
          yield s.substring((int) Math.min(start, s.length()));
        }
        yield s.substring((int) Math.min(start, end), (int) end);
      }
      case "trunc" -> {
        long n = toInt64(arg(args, 1, 2));
        String s = toStr(args.get(1));
        if (n < 0 && -n < s.length()) {
          yield s.substring((int) (s.length() + n));
        }
        yield n >= 0 && n < s.length() ? s.substring(0, (int) n) : s;
      }
      case "quote" -> {
        List<String> out = new ArrayList<>();
        for (Object a : args) {
          if (a != null) {
            out.add(dev.targo.argo.GoFormat.quote(toStr(a)));
          }
        }
        yield String.join(" ", out);
      }
      case "squote" -> {
        List<String> out = new ArrayList<>();
        for (Object a : args) {
          if (a != null) {
            out.add("'" + toStr(a) + "'");
          }
        }
        yield String.join(" ", out);
      }
      case "cat" -> {
        List<String> out = new ArrayList<>();
        for (Object a : args) {
          if (a != null) {
            out.add(toStr(a));
          }
        }
        yield String.join(" ", out);
      }
      case "join" -> {
        String sep = toStr(arg(args, 1, 2));
        List<Object> xs = list(args.get(1));
        yield String.join(sep, xs.stream().map(Library::toStr).toList());
      }
      case "splitList" -> splitList(toStr(args.get(1)), toStr(arg(args, 1, 2)));
      case "list" -> new ArrayList<>(args);
      case "dict" -> {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i += 2) {
          out.put(toStr(args.get(i)), i + 1 < args.size() ? args.get(i + 1) : "");
        }
        yield out;
      }
      case "first", "last", "reverse" -> call(name, args); // as expr-lang's builtins
      case "uniq" -> {
        List<Object> out = new ArrayList<>();
        for (Object x : list(arg(args, 0, 1))) {
          if (out.stream().noneMatch(y -> Evaluator.equal(x, y))) {
            out.add(x);
          }
        }
        yield out;
      }
      case "has" -> {
        Object needle = arg(args, 1, 2);
        yield list(args.get(1)).stream().anyMatch(y -> Evaluator.equal(needle, y));
      }
      case "keys" -> {
        List<Object> out = new ArrayList<>();
        for (Object m : args) {
          out.addAll(new TreeMap<>(map(m)).keySet());
        }
        yield out;
      }
      case "get" -> {
        Object v = map(arg(args, 1, 2)).get(toStr(args.get(1)));
        yield v == null ? "" : v;
      }
      case "len" -> Functions.call("len", arg(args, 0, 1));
      case "default" -> {
        Object given = args.size() > 1 ? args.get(1) : null;
        yield empty(given) ? args.get(0) : given;
      }
      case "empty" -> empty(arg(args, 0, 1));
      case "coalesce" -> {
        for (Object a : args) {
          if (!empty(a)) {
            yield a;
          }
        }
        yield null;
      }
      case "ternary" -> {
        Object cond = arg(args, 2, 3);
        yield Boolean.TRUE.equals(args.get(2)) ? cond : args.get(1);
      }
      case "toString" -> toStr(arg(args, 0, 1));
      case "toStrings" -> list(arg(args, 0, 1)).stream().map(x -> (Object) toStr(x)).toList();
      case "toJson" -> GoValues.marshal(arg(args, 0, 1));
      case "toPrettyJson" -> GoValues.marshalIndent(arg(args, 0, 1));
      case "fromJson" -> {
        try {
          yield GoValues.unmarshal(toStr(arg(args, 0, 1)));
        } catch (IllegalStateException e) {
          yield new LinkedHashMap<String, Object>(); // sprig returns an empty map
        }
      }
      case "atoi" -> {
        try {
          yield Long.parseLong(toStr(arg(args, 0, 1)).strip());
        } catch (NumberFormatException e) {
          yield 0L;
        }
      }
      case "int", "int64" -> toInt64(arg(args, 0, 1));
      case "float64" -> toFloat64(arg(args, 0, 1));
      case "date" -> GoTimeLayout.format(toStr(arg(args, 1, 2)), instant(args.get(1)));
      case "sha256sum" -> digest("SHA-256", toStr(arg(args, 0, 1)));
      case "sha1sum" -> digest("SHA-1", toStr(arg(args, 0, 1)));
      case "regexMatch" ->
          java.util.regex.Pattern.compile(toStr(arg(args, 1, 2)))
              .matcher(toStr(args.get(1)))
              .find();
      case "regexReplaceAll" ->
          java.util.regex.Pattern.compile(toStr(arg(args, 2, 3)))
              .matcher(toStr(args.get(1)))
              .replaceAll(toStr(args.get(2)).replaceAll("\\$\\{?(\\d+)}?", "\\$$1"));
      case "seq", "until" -> {
        long n = toInt64(arg(args, 0, 1));
        List<Object> out = new ArrayList<>();
        for (long i = name.equals("seq") ? 1 : 0; name.equals("seq") ? i <= n : i < n; i++) {
          out.add(name.equals("seq") ? (Object) Long.toString(i) : (Object) i);
        }
        yield name.equals("seq")
            ? String.join(" ", out.stream().map(Object::toString).toList())
            : out;
      }
      default -> throw new IllegalStateException("unknown func sprig." + name);
    };
  }

  /**
   * The time sprig's {@code date} formats: RFC 3339 text, Unix seconds, or Argo's {@code
   * workflow.creationTimestamp} (a map of its formats in the expression environment, since the
   * {@code workflow.creationTimestamp.<format>} variables expand under it). Argo hands sprig that
   * map, which is no time, so sprig formats the current time; targo formats the creation time it
   * names: what the workflow means, and deterministic.
   */
  private static Instant instant(Object x) {
    if (x instanceof Map<?, ?> m && m.get("RFC3339") instanceof String rfc3339) {
      return instant(rfc3339);
    }
    if (x instanceof Long seconds) {
      return Instant.ofEpochSecond(seconds);
    }
    if (x instanceof Double seconds) {
      return Instant.ofEpochSecond(seconds.longValue());
    }
    if (x instanceof String s) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        throw new IllegalStateException(
            "cannot read " + dev.targo.argo.GoFormat.quote(s) + " as a time");
      }
    }
    throw new IllegalStateException("cannot read " + Type.goTypeOf(x) + " as a time");
  }

  private static String digest(String algorithm, String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String title(String s) {
    StringBuilder out = new StringBuilder(s.length());
    boolean start = true;
    for (char c : s.toCharArray()) {
      out.append(start ? Character.toUpperCase(c) : c);
      start = Character.isWhitespace(c);
    }
    return out.toString();
  }

  /** Go's {@code strings.Split}: an empty separator splits into characters. */
  private static List<Object> splitList(String s, String sep) {
    List<Object> out = new ArrayList<>();
    if (sep.isEmpty()) {
      s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
      return out;
    }
    int from = 0;
    while (true) {
      int i = s.indexOf(sep, from);
      if (i < 0) {
        out.add(s.substring(from));
        return out;
      }
      out.add(s.substring(from, i));
      from = i + sep.length();
    }
  }

  private static String trimSet(String s, String cut) {
    int start = 0;
    int end = s.length();
    while (start < end && cut.indexOf(s.charAt(start)) >= 0) {
      start++;
    }
    while (end > start && cut.indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.substring(start, end);
  }

  private static String trimPrefix(String s, String prefix) {
    return s.startsWith(prefix) ? s.substring(prefix.length()) : s;
  }

  private static String trimSuffix(String s, String suffix) {
    return s.endsWith(suffix) ? s.substring(0, s.length() - suffix.length()) : s;
  }

  private static Object b64dec(String s, boolean strict) {
    try {
      return new String(Base64.getDecoder().decode(s.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      if (strict) {
        throw new IllegalStateException("illegal base64 data: " + e.getMessage());
      }
      return e.getMessage(); // sprig returns the error's text
    }
  }

  private static Object get(Object base, Object key) {
    if (base instanceof Map<?, ?> m) {
      return m.get(key);
    }
    if (base instanceof List<?> l && key instanceof Long i) {
      long k = i < 0 ? l.size() + i : i;
      return k >= 0 && k < l.size() ? l.get((int) k) : null;
    }
    return null;
  }

  private static String type(Object x) {
    return switch (x) {
      case null -> "nil";
      case Boolean b -> "bool";
      case Long l -> "int";
      case Double d -> "float";
      case String s -> "string";
      case List<?> l -> "array";
      case Map<?, ?> m -> "map";
      default -> "unknown";
    };
  }

  private static Object extreme(String name, List<Object> xs, boolean max) {
    if (xs.isEmpty()) {
      throw new IllegalStateException("not enough arguments to call " + name);
    }
    Object best = xs.get(0);
    for (Object x : xs) {
      double a = dbl(x);
      double b = dbl(best);
      if (max ? a > b : a < b) {
        best = x;
      }
    }
    return best;
  }

  private static List<Object> flatten(List<Object> args) {
    if (args.size() == 1 && args.get(0) instanceof List<?> l) {
      return new ArrayList<>(l);
    }
    return args;
  }

  /** sprig's {@code empty}: nil, false, 0, "" and empty collections. */
  private static boolean empty(Object x) {
    return switch (x) {
      case null -> true;
      case Boolean b -> !b;
      case Long l -> l == 0;
      case Double d -> d == 0;
      case String s -> s.isEmpty();
      case List<?> l -> l.isEmpty();
      case Map<?, ?> m -> m.isEmpty();
      default -> false;
    };
  }

  /** spf13/cast's {@code ToInt64}: numbers truncate, text parses as an integer, else 0. */
  static long toInt64(Object x) {
    return switch (x) {
      case Long l -> l;
      case Double d -> (long) d.doubleValue();
      case Boolean b -> b ? 1 : 0;
      case String s -> {
        try {
          yield Long.decode(s.strip());
        } catch (NumberFormatException e) {
          yield 0L;
        }
      }
      case null, default -> 0L;
    };
  }

  private static double toFloat64(Object x) {
    return switch (x) {
      case Long l -> l.doubleValue();
      case Double d -> d;
      case String s -> {
        try {
          yield Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
          yield 0.0;
        }
      }
      case null, default -> 0.0;
    };
  }

  /** sprig's {@code toString} ({@code strval}): text as is, other values as Go's {@code %v}. */
  private static String toStr(Object x) {
    return x instanceof String s ? s : x == null ? "" : Functions.format(x);
  }

  /** Checks the count ({@code last} is the highest index needed) and gives the first argument. */
  private static Object arg(List<Object> args, int last, int most) {
    if (args.size() <= last) {
      throw new IllegalStateException("not enough arguments in call");
    }
    if (args.size() > most) {
      throw new IllegalStateException("too many arguments in call");
    }
    return args.get(0);
  }

  private static String str(Object x) {
    if (x instanceof String s) {
      return s;
    }
    throw new IllegalStateException(
        "interface conversion: interface {} is "
            + (x == null ? "nil" : Type.goTypeOf(x))
            + ", not string");
  }

  private static double dbl(Object x) {
    return switch (x) {
      case Long l -> l.doubleValue();
      case Double d -> d;
      case null, default ->
          throw new IllegalStateException("invalid argument (type " + Type.goTypeOf(x) + ")");
    };
  }

  private static long lng(Object x) {
    if (x instanceof Long l) {
      return l;
    }
    throw new IllegalStateException("invalid argument (type " + Type.goTypeOf(x) + ")");
  }

  static List<Object> list(Object x) {
    if (x instanceof List<?> l) {
      @SuppressWarnings("unchecked")
      List<Object> objects = (List<Object>) l;
      return objects;
    }
    throw new IllegalStateException("cannot use " + Type.goTypeOf(x) + " as an array");
  }

  private static Map<?, ?> map(Object x) {
    if (x instanceof Map<?, ?> m) {
      return m;
    }
    throw new IllegalStateException("cannot use " + Type.goTypeOf(x) + " as a map");
  }
}
