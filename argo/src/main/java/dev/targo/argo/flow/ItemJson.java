package dev.targo.argo.flow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * JSON text of loop items and outputs as Go's {@code encoding/json} writes it: compact, object keys
 * sorted. Pure.
 */
public final class ItemJson {
  private ItemJson() {}

  /** Compact JSON with sorted keys. */
  public static String json(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  /** Argo's {@code Item.String()}: a string without quotes, anything else as compact JSON. */
  public static String text(JsonNode node) {
    return node.isTextual() ? node.textValue() : json(node);
  }

  /** Parses {@code text} as JSON, or null when it is not valid JSON. */
  public static JsonNode parse(String text) {
    try {
      return Json.mapper().readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.fieldNames().forEachRemaining(names::add);
      names.sort(null);
      out.append('{');
      for (int i = 0; i < names.size(); i++) {
        out.append(i == 0 ? "" : ",").append(scalar(names.get(i))).append(':');
        write(node.get(names.get(i)), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      Iterator<JsonNode> it = node.elements();
      boolean first = true;
      while (it.hasNext()) {
        out.append(first ? "" : ",");
        write(it.next(), out);
        first = false;
      }
      out.append(']');
    } else {
      out.append(node.toString());
    }
  }

  private static String scalar(String text) {
    return Json.mapper().getNodeFactory().textNode(text).toString();
  }
}
