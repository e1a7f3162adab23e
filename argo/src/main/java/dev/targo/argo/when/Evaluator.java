package dev.targo.argo.when;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * govaluate's evaluation ({@code evaluationStage.go}) with its type checks and messages. Values are
 * {@code Double}, {@code String}, {@code Boolean}, {@code Pattern}, {@code List} or null. Pure.
 */
final class Evaluator {
  private static final String LOGICAL =
      "Value '%s' cannot be used with the logical operator '%s', it is not a bool";
  private static final String MODIFIER =
      "Value '%s' cannot be used with the modifier '%s', it is not a number";
  private static final String COMPARATOR =
      "Value '%s' cannot be used with the comparator '%s', it is not a number";
  private static final String TERNARY =
      "Value '%s' cannot be used with the ternary operator '%s', it is not a bool";
  private static final String PREFIX = "Value '%s' cannot be used with the prefix '%s'";

  /** Marks an evaluation error; {@link When} wraps its message. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false);
    }
  }

  private Evaluator() {}

  static Object evaluate(Node node) {
    return switch (node) {
      case null -> null;
      case Node.Literal l -> l.value();
      case Node.Group g -> evaluate(g.inner());
      case Node.Accessor a -> {
        evaluate(a.arguments());
        String root = a.name().substring(0, a.name().indexOf('.'));
        throw new Failure("No parameter '" + root + "' found.");
      }
      case Node.Prefix p -> prefix(p.op(), evaluate(p.operand()));
      case Node.Infix i -> infix(i);
    };
  }

  private static Object prefix(String op, Object value) {
    return switch (op) {
      case "-" -> -number(value, op, PREFIX);
      case "!" -> !bool(value, op, PREFIX);
      default -> (double) ~(long) number(value, op, PREFIX);
    };
  }

  private static Object infix(Node.Infix node) {
    String op = node.op();
    Object left = evaluate(node.left());
    switch (op) {
      case "&&" -> {
        if (Boolean.FALSE.equals(left)) {
          return false;
        }
      }
      case "||" -> {
        if (Boolean.TRUE.equals(left)) {
          return true;
        }
      }
      case "??", ":" -> {
        if (left != null) {
          return left;
        }
      }
      case "?" -> {
        if (Boolean.FALSE.equals(left)) {
          return null;
        }
      }
      default -> {}
    }
    Object right = evaluate(node.right());
    return switch (op) {
      case "&&" -> bool(left, op, LOGICAL) & bool(right, op, LOGICAL);
      case "||" -> bool(left, op, LOGICAL) | bool(right, op, LOGICAL);
      case "??", ":" -> right;
      case "?" -> bool(left, op, TERNARY) ? right : null;
      case "," -> list(left, right);
      case "==" -> Values.deepEqual(left, right);
      case "!=" -> !Values.deepEqual(left, right);
      case ">", ">=", "<", "<=" -> compare(op, left, right);
      case "=~" -> matches(op, left, right);
      case "!~" -> !matches(op, left, right);
      case "in" -> in(left, right);
      case "+" -> plus(left, right);
      default -> arithmetic(op, number(left, op, MODIFIER), number(right, op, MODIFIER));
    };
  }

  private static List<Object> list(Object left, Object right) {
    List<Object> out = new ArrayList<>();
    if (left instanceof List<?> l) {
      out.addAll(l);
    } else {
      out.add(left);
    }
    out.add(right);
    return out;
  }

  private static boolean compare(String op, Object left, Object right) {
    int order;
    if (left instanceof Double l && right instanceof Double r) {
      return switch (op) {
        case ">" -> l > r;
        case ">=" -> l >= r;
        case "<" -> l < r;
        default -> l <= r;
      };
    } else if (left instanceof String l && right instanceof String r) {
      order = compareBytes(l, r);
    } else {
      throw failure(COMPARATOR, left, op);
    }
    return switch (op) {
      case ">" -> order > 0;
      case ">=" -> order >= 0;
      case "<" -> order < 0;
      default -> order <= 0;
    };
  }

  /** Go compares strings by their UTF-8 bytes, which is code point order. */
  private static int compareBytes(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    return java.util.Arrays.compare(x, y);
  }

  private static boolean matches(String op, Object left, Object right) {
    if (!(left instanceof String text)) {
      throw failure(COMPARATOR, left, op);
    }
    Pattern pattern;
    if (right instanceof Pattern p) {
      pattern = p;
    } else if (right instanceof String s) {
      try {
        pattern = Pattern.compile(s);
      } catch (PatternSyntaxException e) {
        throw new Failure("Unable to compile regexp pattern '" + s + "': " + When.regexpError(e));
      }
    } else {
      throw failure(COMPARATOR, right, op);
    }
    return pattern.matcher(text).find();
  }

  private static boolean in(Object left, Object right) {
    if (!(right instanceof List<?> values)) {
      throw failure(COMPARATOR, right, "in");
    }
    for (Object value : values) {
      // Go's interface equality: same type and value; lists are not comparable.
      if (!(value instanceof List) && left != null && left.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static Object plus(Object left, Object right) {
    if (left instanceof Double l && right instanceof Double r) {
      return l + r;
    }
    if (!(left instanceof String) && !(right instanceof String)) {
      throw failure(MODIFIER, left, "+");
    }
    return Values.show(left) + Values.show(right);
  }

  private static double arithmetic(String op, double l, double r) {
    return switch (op) {
      case "-" -> l - r;
      case "*" -> l * r;
      case "/" -> l / r;
      case "%" -> l % r;
      case "**" -> Math.pow(l, r);
      case "&" -> (double) ((long) l & (long) r);
      case "|" -> (double) ((long) l | (long) r);
      case "^" -> (double) ((long) l ^ (long) r);
      case "<<" -> r >= 64 ? 0 : (double) ((long) l << (long) r);
      default -> r >= 64 ? 0 : (double) ((long) l >>> (long) r);
    };
  }

  private static double number(Object value, String op, String format) {
    if (value instanceof Double d) {
      return d;
    }
    throw failure(format, value, op);
  }

  private static boolean bool(Object value, String op, String format) {
    if (value instanceof Boolean b) {
      return b;
    }
    throw failure(format, value, op);
  }

  private static Failure failure(String format, Object value, String op) {
    return new Failure(String.format(format, Values.show(value), op));
  }
}
