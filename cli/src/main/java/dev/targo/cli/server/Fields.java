package dev.targo.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Argo's {@code fields} parameter ({@code util/fields.Cleaner}): dotted paths separated by commas
 * that a response keeps ({@code metadata,items.metadata.name,items.status.phase}), or, after a
 * leading {@code -}, that it drops ({@code -status.nodes}). A path keeps or drops the whole subtree
 * below it; lists are looked through. Matching is Argo's, prefixes of the written text included.
 * Pure.
 */
public final class Fields {
  private final boolean exclude;
  private final Set<String> paths;

  private Fields(boolean exclude, Set<String> paths) {
    this.exclude = exclude;
    this.paths = paths;
  }

  /** The mask {@code text}; everything is kept when it is null or empty. */
  public static Fields parse(String text) {
    if (text == null || text.isEmpty()) {
      return new Fields(false, Set.of());
    }
    boolean exclude = text.startsWith("-");
    return new Fields(exclude, Set.of((exclude ? text.substring(1) : text).split(",")));
  }

  /** {@code node} with what the mask leaves of it (changed in place), for chaining. */
  public ObjectNode apply(ObjectNode node) {
    if (!paths.isEmpty()) {
      clean("", node);
    }
    return node;
  }

  private void clean(String path, JsonNode item) {
    if (item instanceof ObjectNode object) {
      List<String> drop = new ArrayList<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String field = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        boolean in = paths.contains(field);
        boolean below = in || paths.stream().anyMatch(p -> p.startsWith(field));
        if (exclude ? !in : below) {
          if (!in) {
            clean(field, e.getValue());
          }
        } else {
          drop.add(e.getKey());
        }
      }
      object.remove(drop);
    } else if (item != null && item.isArray()) {
      item.forEach(element -> clean(path, element));
    }
  }
}
