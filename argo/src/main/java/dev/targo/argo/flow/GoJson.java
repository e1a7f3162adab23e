package dev.targo.argo.flow;

import dev.targo.argo.plan.Parameter;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * JSON text exactly as Go's {@code encoding/json} writes it, for the whole-value variables Argo
 * marshals ({@code workflow.parameters}, {@code workflow.labels}, {@code workflow.annotations}):
 * map keys sorted, fields in struct order and left out when empty ({@code omitempty}), and {@code
 * <}, {@code >}, {@code &}, U+2028 and U+2029 escaped. Pure.
 */
public final class GoJson {
  private GoJson() {}

  /** A {@code map[string]string}: {@code {}} when empty, as Go marshals a non-nil empty map. */
  public static String object(SortedMap<String, String> map) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      string(out, e.getKey()).append(':');
      string(out, e.getValue());
    }
    return out.append('}').toString();
  }

  /**
   * Argo's {@code []Parameter}: {@code name}, then {@code default}, {@code value}, {@code enum} and
   * {@code description} when set; {@code null} for no parameters (a nil slice).
   */
  public static String parameters(List<Parameter> parameters) {
    if (parameters.isEmpty()) {
      return "null";
    }
    StringBuilder out = new StringBuilder("[");
    for (Parameter p : parameters) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append("{\"name\":");
      string(out, p.name());
      field(out, "default", p.defaultValue());
      field(out, "value", p.value());
      if (!p.enumValues().isEmpty()) {
        out.append(",\"enum\":[");
        for (int i = 0; i < p.enumValues().size(); i++) {
          if (i > 0) {
            out.append(',');
          }
          string(out, p.enumValues().get(i));
        }
        out.append(']');
      }
      field(out, "description", p.description());
      out.append('}');
    }
    return out.append(']').toString();
  }

  private static void field(StringBuilder out, String name, String value) {
    if (value != null) {
      out.append(",\"").append(name).append("\":");
      string(out, value);
    }
  }

  /** A Go JSON string literal of {@code s}. */
  public static StringBuilder string(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"');
  }
}
