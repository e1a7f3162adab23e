package dev.targo.argo.expr;

import java.util.List;
import java.util.Map;

/** The static types (expr-lang "natures") targo's checker tracks, named as Go prints them. */
enum Type {
  UNKNOWN("interface {}"),
  NIL("nil"),
  BOOL("bool"),
  INT("int"),
  FLOAT("float64"),
  STRING("string"),
  ARRAY("[]interface {}"),
  MAP("map[string]interface {}");

  final String goName;

  Type(String goName) {
    this.goName = goName;
  }

  boolean number() {
    return this == INT || this == FLOAT;
  }

  /** The type of a runtime value (what Go's {@code %T} would describe). */
  static Type of(Object v) {
    if (v == null) {
      return NIL;
    }
    if (v instanceof Boolean) {
      return BOOL;
    }
    if (v instanceof Long) {
      return INT;
    }
    if (v instanceof Double) {
      return FLOAT;
    }
    if (v instanceof String) {
      return STRING;
    }
    if (v instanceof List<?>) {
      return ARRAY;
    }
    if (v instanceof Map<?, ?>) {
      return MAP;
    }
    return UNKNOWN;
  }

  /** Go's {@code %T} of a runtime value. */
  static String goTypeOf(Object v) {
    return v == null ? "<nil>" : of(v).goName;
  }
}
