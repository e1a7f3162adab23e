package dev.targo.argo.expr;

import dev.targo.argo.GoFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The functions targo evaluates: Argo's aliases {@code asInt}/{@code asFloat} (expr-lang's {@code
 * int}/{@code float} put into the environment, so their results are of unknown type) and the
 * expr-lang builtins {@code int}, {@code float}, {@code string}, {@code len}, {@code lower}, {@code
 * upper}, {@code trim}. Other expr-lang builtins and Argo's {@code sprig}, {@code jsonpath} and
 * {@code toJson} are not available and fail as unknown names.
 */
final class Functions {
  private Functions() {}

  private static final List<String> ENV_FUNCTIONS = List.of("asInt", "asFloat");
  private static final List<String> BUILTINS =
      List.of("int", "float", "string", "len", "lower", "upper", "trim");

  /** Go's strconv.ParseFloat for decimal text, plus its inf/nan spellings. */
  private static final Pattern GO_FLOAT =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(?i:inf|infinity|nan)");

  private static final Pattern GO_INT = Pattern.compile("[+-]?\\d+");

  static boolean isFunction(String name) {
    return ENV_FUNCTIONS.contains(name) || BUILTINS.contains(name);
  }

  /** The checker's problem with a call, or null. Unknown functions are unknown names. */
  static String check(String name, List<Type> args) {
    if (ENV_FUNCTIONS.contains(name)) {
      if (args.size() != 1) {
        return (args.size() < 1 ? "not enough" : "too many") + " arguments to call " + name;
      }
      return null;
    }
    if (!BUILTINS.contains(name)) {
      return "unknown name " + name;
    }
    if (args.size() != 1) {
      return "invalid number of arguments (expected 1, got " + args.size() + ")";
    }
    Type t = args.get(0);
    boolean ok =
        switch (name) {
          case "int", "float" -> t == Type.UNKNOWN || t.number() || t == Type.STRING;
          case "len" -> t == Type.UNKNOWN || t == Type.STRING || t == Type.ARRAY || t == Type.MAP;
          case "lower", "upper", "trim" -> t == Type.UNKNOWN || t == Type.STRING;
          default -> true;
        };
    if (ok) {
      return null;
    }
    return switch (name) {
      case "lower", "upper", "trim" ->
          "cannot use " + t.goName + " as argument (type string) to call " + name;
      default -> "invalid argument for " + name + " (type " + t.goName + ")";
    };
  }

  static Type resultType(String name) {
    return switch (name) {
      case "int", "len" -> Type.INT;
      case "float" -> Type.FLOAT;
      case "string", "lower", "upper", "trim" -> Type.STRING;
      default -> Type.UNKNOWN;
    };
  }

  /** Calls {@code name}; a problem is returned by throwing {@link IllegalStateException}. */
  static Object call(String name, Object x) {
    return switch (name) {
      case "asInt", "int" -> toInt(x);
      case "asFloat", "float" -> toFloat(x);
      case "string" -> format(x);
      case "len" -> len(x);
      case "lower" -> str(x).toLowerCase(Locale.ROOT);
      case "upper" -> str(x).toUpperCase(Locale.ROOT);
      case "trim" -> str(x).strip();
      default -> throw new IllegalStateException("unknown func " + name);
    };
  }

  /** expr-lang's {@code builtin.Int}: {@code asInt("6.5")} fails, as in Argo. */
  private static Object toInt(Object x) {
    return switch (x) {
      case Long l -> l;
      case Double d -> (long) d.doubleValue();
      case String s -> {
        if (GO_INT.matcher(s).matches()) {
          try {
            yield Long.parseLong(s);
          } catch (NumberFormatException e) {
            // out of Go's int range: strconv.Atoi fails the same way
          }
        }
        throw new IllegalStateException("invalid operation: int(" + s + ")");
      }
      case null, default ->
          throw new IllegalStateException("invalid operation: int(" + Type.goTypeOf(x) + ")");
    };
  }

  private static Object toFloat(Object x) {
    return switch (x) {
      case Long l -> l.doubleValue();
      case Double d -> d;
      case String s -> {
        if (GO_FLOAT.matcher(s).matches()) {
          String lower = s.toLowerCase(Locale.ROOT);
          if (lower.endsWith("inf") || lower.endsWith("infinity")) {
            yield s.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
          }
          yield lower.endsWith("nan") ? Double.NaN : Double.parseDouble(s);
        }
        throw new IllegalStateException("invalid operation: float(" + s + ")");
      }
      case null, default ->
          throw new IllegalStateException("invalid operation: float(" + Type.goTypeOf(x) + ")");
    };
  }

  private static Object len(Object x) {
    return switch (x) {
      case String s -> (long) s.codePointCount(0, s.length());
      case List<?> l -> (long) l.size();
      case Map<?, ?> m -> (long) m.size();
      case null, default ->
          throw new IllegalStateException(
              "invalid argument for len (type " + Type.goTypeOf(x) + ")");
    };
  }

  private static String str(Object x) {
    if (x instanceof String s) {
      return s;
    }
    throw new IllegalStateException(
        "interface conversion: interface {} is " + Type.goTypeOf(x) + ", not string");
  }

  /** Go's {@code fmt.Sprintf("%v", x)}. */
  static String format(Object x) {
    return switch (x) {
      case null -> "<nil>";
      case Double d -> GoFormat.float64(d);
      case List<?> l -> "[" + String.join(" ", l.stream().map(Functions::format).toList()) + "]";
      case Map<?, ?> m -> {
        StringBuilder out = new StringBuilder("map[");
        new TreeMap<>(m)
            .forEach(
                (k, v) ->
                    out.append(out.length() > 4 ? " " : "")
                        .append(k)
                        .append(':')
                        .append(format(v)));
        yield out.append(']').toString();
      }
      default -> x.toString();
    };
  }

  /** Go's {@code fmt.Sprintf("%s", x)}: non-strings print as {@code %!s(int=5)}. */
  static String formatS(Object x) {
    return switch (x) {
      case String s -> s;
      case null -> "%!s(<nil>)";
      case List<?> l -> "[" + String.join(" ", l.stream().map(Functions::formatS).toList()) + "]";
      case Map<?, ?> m -> {
        StringBuilder out = new StringBuilder("map[");
        new TreeMap<>(m)
            .forEach(
                (k, v) ->
                    out.append(out.length() > 4 ? " " : "")
                        .append(formatS(k))
                        .append(':')
                        .append(formatS(v)));
        yield out.append(']').toString();
      }
      default -> "%!s(" + Type.goTypeOf(x) + "=" + format(x) + ")";
    };
  }
}
