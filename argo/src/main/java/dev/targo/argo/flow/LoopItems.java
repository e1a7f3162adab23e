package dev.targo.argo.flow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.plan.Loop;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Expands {@code withItems}, {@code withParam} and {@code withSequence} into items as Argo's {@code
 * expandStep}/{@code expandTask} do, names each child ({@code step(0:value)}) and gives the {@code
 * {{item}}} variables of each. Pure.
 */
public final class LoopItems {
  private LoopItems() {}

  /** The items of a loop, or why it has none. */
  public sealed interface Expansion {
    /** The items, in order. */
    record Items(List<JsonNode> items) implements Expansion {
      public Items {
        items = List.copyOf(items);
      }
    }

    /** The loop cannot be expanded: the node ends Error with {@code message}. */
    record Invalid(String message) implements Expansion {}
  }

  /** Expands a loop whose strings are already substituted. */
  public static Expansion expand(Loop loop) {
    return switch (loop) {
      case Loop.Items i -> new Expansion.Items(i.items());
      case Loop.Param p -> param(p.value());
      case Loop.Sequence s -> sequence(s);
    };
  }

  private static Expansion param(String value) {
    JsonNode parsed = value == null ? null : ItemJson.parse(value);
    if (parsed == null || !parsed.isArray()) {
      String text = value == null ? "" : value.strip();
      return new Expansion.Invalid(
          "withParam value could not be parsed as a JSON list: " + text + ": not a JSON list");
    }
    List<JsonNode> items = new ArrayList<>();
    parsed.elements().forEachRemaining(items::add);
    return new Expansion.Items(items);
  }

  private static Expansion sequence(Loop.Sequence s) {
    try {
      int start = s.start() == null ? 0 : atoi(s.start());
      int end;
      if (s.end() != null) {
        end = atoi(s.end());
      } else if (s.count() != null) {
        int count = atoi(s.count());
        if (count == 0) {
          return new Expansion.Items(List.of());
        }
        end = start + count - 1;
      } else {
        return new Expansion.Invalid("neither end nor count was specified in withSequence");
      }
      String format = s.format() == null || s.format().isEmpty() ? "%d" : s.format();
      List<JsonNode> items = new ArrayList<>();
      int step = start <= end ? 1 : -1;
      for (int i = start; step > 0 ? i <= end : i >= end; i += step) {
        items.add(
            dev.targo.argo.Json.mapper().getNodeFactory().textNode(GoPrintf.format(format, i)));
      }
      return new Expansion.Items(items);
    } catch (NumberFormatException e) {
      return new Expansion.Invalid(e.getMessage());
    }
  }

  /** Go's {@code strconv.Atoi}, with its error text. */
  private static int atoi(String text) {
    try {
      return Integer.parseInt(text.startsWith("+") ? text.substring(1) : text);
    } catch (NumberFormatException e) {
      throw new NumberFormatException("strconv.Atoi: parsing \"" + text + "\": invalid syntax");
    }
  }

  /**
   * Argo's {@code generateNodeName}: {@code base(index:desc)}, where desc is the item's text with
   * parentheses removed; a map item lists its {@code key:value} pairs sorted, a list item is
   * written as Go prints a slice.
   */
  public static String childName(String base, int index, JsonNode item) {
    String desc;
    if (item.isObject()) {
      List<String> pairs = new ArrayList<>();
      Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        pairs.add(f.getKey() + ":" + ItemJson.text(f.getValue()));
      }
      pairs.sort(null);
      desc = String.join(",", pairs);
    } else if (item.isArray()) {
      List<String> parts = new ArrayList<>();
      item.elements().forEachRemaining(e -> parts.add(ItemJson.text(e)));
      desc = "[" + String.join(" ", parts) + "]";
    } else {
      desc = ItemJson.text(item);
    }
    return base + "(" + index + ":" + desc.replace("(", "").replace(")", "") + ")";
  }

  /** {@code item}, and {@code item.<key>} for each key of a map item. */
  public static SortedMap<String, String> vars(JsonNode item) {
    SortedMap<String, String> vars = new TreeMap<>();
    vars.put("item", ItemJson.text(item));
    if (item.isObject()) {
      item.fields()
          .forEachRemaining(f -> vars.put("item." + f.getKey(), ItemJson.text(f.getValue())));
    }
    return vars;
  }
}
