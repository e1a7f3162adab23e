package dev.targo.argo.expr;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * expr-lang's static checker ({@code checker/checker.go}) for targo's subset, run against the
 * scope's shape as Argo compiles against its environment: top-level names have their value's type,
 * members of a dotted group ({@code lastRetry.*}) are of unknown type and so only checked when
 * evaluated; unknown names are errors. The first error in visiting order wins.
 */
final class Checker {
  private final String src;
  private final Map<String, Object> env;

  private Checker(String src, Map<String, Object> env) {
    this.src = src;
    this.env = env;
  }

  static Type check(String src, Node root, Map<String, Object> env) {
    return new Checker(src, env).visit(root);
  }

  private Type visit(Node node) {
    return switch (node) {
      case Node.Literal l -> Type.of(l.value());
      case Node.Identifier id -> identifier(id);
      case Node.Member m -> member(m);
      case Node.Unary u -> unary(u);
      case Node.Binary b -> binary(b);
      case Node.Conditional c -> conditional(c);
      case Node.Call c -> call(c);
      case Node.Array a -> {
        a.items().forEach(this::visit);
        yield Type.ARRAY;
      }
      case Node.MapLiteral m -> {
        m.keys().forEach(this::visit);
        m.values().forEach(this::visit);
        yield Type.MAP;
      }
      case Node.Slice sl -> {
        visit(sl.base());
        if (sl.from() != null) {
          visit(sl.from());
        }
        if (sl.to() != null) {
          visit(sl.to());
        }
        yield Type.UNKNOWN;
      }
      case Node.Closure c -> {
        visit(c.body());
        yield Type.UNKNOWN;
      }
      case Node.Pointer p -> Type.UNKNOWN;
    };
  }

  private Type identifier(Node.Identifier id) {
    if (env.containsKey(id.name())) {
      Type t = Type.of(env.get(id.name()));
      return t == Type.UNKNOWN ? Type.UNKNOWN : t;
    }
    if (Functions.isFunction(id.name()) || Library.has(id.name())) {
      return Type.UNKNOWN;
    }
    throw error(id, "unknown name " + id.name());
  }

  private Type member(Node.Member m) {
    Type base = visit(m.base());
    Type prop = visit(m.property());
    if (base == Type.UNKNOWN) {
      return Type.UNKNOWN;
    }
    String name =
        m.property() instanceof Node.Literal l && l.value() instanceof String s ? s : null;
    switch (base) {
      case MAP -> {
        if (prop != Type.STRING && prop != Type.UNKNOWN) {
          throw error(
              m.property(), "cannot use " + prop.goName + " to get an element from " + base.goName);
        }
        return Type.UNKNOWN;
      }
      case ARRAY -> {
        if (prop != Type.INT && prop != Type.UNKNOWN) {
          throw error(
              m.property(),
              "array elements can only be selected using an integer (got " + prop.goName + ")");
        }
        return Type.UNKNOWN;
      }
      default -> {
        if (name != null) {
          throw error(m, "type " + base.goName + " has no field " + name);
        }
        throw error(m, "type " + base.goName + "[" + prop.goName + "] is undefined");
      }
    }
  }

  private Type unary(Node.Unary u) {
    Type t = visit(u.operand());
    boolean ok =
        switch (u.op()) {
          case "!", "not" -> t == Type.BOOL || t == Type.UNKNOWN;
          default -> t.number() || t == Type.UNKNOWN;
        };
    if (!ok) {
      throw error(u, "invalid operation: " + u.op() + " (mismatched type " + t.goName + ")");
    }
    return switch (u.op()) {
      case "!", "not" -> Type.BOOL;
      default -> t;
    };
  }

  private Type binary(Node.Binary b) {
    Type l = visit(b.left());
    Type r = visit(b.right());
    Type result =
        switch (b.op()) {
          case "??" -> l == Type.NIL ? r : l == r ? l : Type.UNKNOWN;
          case "==", "!=" -> comparable(l, r) ? Type.BOOL : null;
          case "||", "or", "&&", "and" -> both(l, r, Type.BOOL) ? Type.BOOL : null;
          case "<", ">", "<=", ">=" -> numbers(l, r) || both(l, r, Type.STRING) ? Type.BOOL : null;
          case "-", "*" -> numbers(l, r) ? promote(l, r) : null;
          case "/", "**" -> numbers(l, r) ? Type.FLOAT : null;
          case "%" -> both(l, r, Type.INT) ? Type.INT : null;
          case "+" ->
              numbers(l, r)
                  ? promote(l, r)
                  : both(l, r, Type.STRING) ? l == r ? l : Type.UNKNOWN : null;
          case "in" -> in(b, l, r);
          case "matches" -> {
            if (b.right() instanceof Node.Literal lit && lit.value() instanceof String re) {
              try {
                Pattern.compile(re);
              } catch (PatternSyntaxException e) {
                throw error(b, "error parsing regexp: " + e.getDescription() + ": `" + re + "`");
              }
            }
            yield both(l, r, Type.STRING) ? Type.BOOL : null;
          }
          case "contains", "startsWith", "endsWith" -> both(l, r, Type.STRING) ? Type.BOOL : null;
          default -> throw error(b, "unknown operator (" + b.op() + ")");
        };
    if (result == null) {
      throw error(
          b,
          "invalid operation: "
              + b.op()
              + " (mismatched types "
              + l.goName
              + " and "
              + r.goName
              + ")");
    }
    return result;
  }

  private Type in(Node.Binary b, Type l, Type r) {
    if (r == Type.MAP) {
      if (l != Type.UNKNOWN && l != Type.STRING) {
        throw error(b, "cannot use " + l.goName + " as type string in map key");
      }
      return Type.BOOL;
    }
    if (r == Type.ARRAY || r == Type.UNKNOWN) {
      return Type.BOOL;
    }
    return null;
  }

  private Type conditional(Node.Conditional c) {
    Type cond = visit(c.cond());
    if (cond != Type.BOOL && cond != Type.UNKNOWN) {
      throw error(c.cond(), "non-bool expression (type " + cond.goName + ") used as condition");
    }
    Type a = visit(c.then());
    Type b = visit(c.otherwise());
    if (a == Type.NIL) {
      return b;
    }
    if (b == Type.NIL || a == b) {
      return a;
    }
    return Type.UNKNOWN;
  }

  private Type call(Node.Call c) {
    List<Type> args = c.args().stream().map(this::visit).toList();
    if (!Functions.isFunction(c.function()) && Library.has(c.function())) {
      if (env.containsKey(c.function())) {
        throw error(c, Type.of(env.get(c.function())).goName + " is not callable");
      }
      return Type.UNKNOWN; // checked as it runs
    }
    if (env.containsKey(c.function()) && !Functions.isFunction(c.function())) {
      throw error(c, Type.of(env.get(c.function())).goName + " is not callable");
    }
    String problem = Functions.check(c.function(), args);
    if (problem != null) {
      throw error(c, problem);
    }
    return Functions.resultType(c.function());
  }

  /** expr-lang's {@code ComparableTo}. */
  private static boolean comparable(Type l, Type r) {
    return l == Type.UNKNOWN
        || r == Type.UNKNOWN
        || l == Type.NIL
        || r == Type.NIL
        || (l.number() && r.number())
        || l == r;
  }

  /** Both of type {@code t}, or unknown where the other fits ({@code MaybeCompatible}). */
  private static boolean both(Type l, Type r, Type t) {
    return (l == t || l == Type.UNKNOWN) && (r == t || r == Type.UNKNOWN);
  }

  private static boolean numbers(Type l, Type r) {
    return (l.number() || l == Type.UNKNOWN) && (r.number() || r == Type.UNKNOWN);
  }

  private static Type promote(Type l, Type r) {
    if (l == Type.UNKNOWN || r == Type.UNKNOWN) {
      return Type.UNKNOWN;
    }
    return l == Type.FLOAT || r == Type.FLOAT ? Type.FLOAT : Type.INT;
  }

  private ExprException error(Node n, String message) {
    return ExprException.compile(message, src, n.pos());
  }
}
