package dev.targo.argo.expr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.GoFormat;
import dev.targo.argo.Json;
import dev.targo.argo.flow.GoJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Expression values to and from JSON as Go's {@code encoding/json} does it: maps with sorted keys,
 * {@code float64} numbers written in full below 1e21, {@code <}, {@code >} and {@code &} escaped.
 * JSON read into values gives Go's {@code any}: numbers are float64, objects maps. Pure.
 */
public final class GoValues {
  private GoValues() {}

  /** Go's {@code json.Marshal} of an expression value. */
  public static String marshal(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, null, "");
    return out.toString();
  }

  /** expr-lang's {@code toJSON}: {@code json.MarshalIndent(v, "", " ")}. */
  static String marshalIndent(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, "  ", "");
    return out.toString();
  }

  private static void write(StringBuilder out, Object v, String indent, String at) {
    switch (v) {
      case null -> out.append("null");
      case String s -> GoJson.string(out, s);
      case Boolean b -> out.append(b);
      case Long l -> out.append(l);
      case Double d -> out.append(number(d));
      case List<?> list -> {
        if (list.isEmpty()) {
          out.append("[]");
          return;
        }
        out.append('[');
        String inner = indent == null ? null : at + indent;
        for (int i = 0; i < list.size(); i++) {
          out.append(i > 0 ? "," : "");
          newline(out, inner);
          write(out, list.get(i), indent, inner);
        }
        newline(out, indent == null ? null : at);
        out.append(']');
      }
      case Map<?, ?> map -> {
        if (map.isEmpty()) {
          out.append("{}");
          return;
        }
        out.append('{');
        String inner = indent == null ? null : at + indent;
        boolean first = true;
        for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
          out.append(first ? "" : ",");
          first = false;
          newline(out, inner);
          GoJson.string(out, String.valueOf(e.getKey())).append(indent == null ? ":" : ": ");
          write(out, e.getValue(), indent, inner);
        }
        newline(out, indent == null ? null : at);
        out.append('}');
      }
      default -> GoJson.string(out, v.toString());
    }
  }

  private static void newline(StringBuilder out, String indent) {
    if (indent != null) {
      out.append('\n').append(indent);
    }
  }

  /** A float64 as {@code encoding/json} writes it. */
  static String number(double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalStateException(
          "json: unsupported value: " + GoFormat.float64(d)); // Go's UnsupportedValueError
    }
    double abs = Math.abs(d);
    if (abs == 0 || (abs >= 1e-6 && abs < 1e21)) {
      return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
    // Go writes 1e-07 as 1e-7 in JSON.
    return GoFormat.float64(d).replaceFirst("e([+-])0(\\d)$", "e$1$2");
  }

  /** Go's {@code json.Unmarshal} into {@code any}; throws IllegalStateException on bad JSON. */
  public static Object unmarshal(String json) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException("invalid character in JSON: " + firstLine(e.getMessage()));
    }
    if (node == null || node.isMissingNode()) {
      throw new IllegalStateException("unexpected end of JSON input");
    }
    return value(node);
  }

  /** A Jackson tree as a Go value. */
  public static Object value(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.doubleValue();
    }
    if (node.isArray()) {
      List<Object> out = new ArrayList<>();
      node.forEach(e -> out.add(value(e)));
      return out;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    node.fields().forEachRemaining(e -> out.put(e.getKey(), value(e.getValue())));
    return out;
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
