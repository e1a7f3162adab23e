package dev.targo.cli.server;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The query parameters of a request ({@code listOptions.labelSelector=…&fields=…}), the last of a
 * repeated name winning, and what Argo reads from them. Pure.
 */
record Query(Map<String, String> values) {

  static Query parse(String rawQuery) {
    Map<String, String> values = new LinkedHashMap<>();
    if (rawQuery != null && !rawQuery.isEmpty()) {
      for (String pair : rawQuery.split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        String value = eq < 0 ? "" : pair.substring(eq + 1);
        values.put(
            URLDecoder.decode(key, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      }
    }
    return new Query(Map.copyOf(values));
  }

  String get(String name) {
    return values.get(name);
  }

  boolean flag(String name) {
    return "true".equalsIgnoreCase(values.get(name));
  }

  /**
   * The value {@code listOptions.fieldSelector} gives {@code field} ({@code metadata.name=x,…}), or
   * null. Any other field is refused: targo selects workflows by name and namespace only.
   */
  String fieldSelector(String field) {
    String selector = values.get("listOptions.fieldSelector");
    if (selector == null || selector.isBlank()) {
      return null;
    }
    String found = null;
    for (String term : selector.split(",")) {
      int eq = term.indexOf('=');
      String key = eq < 0 ? term.strip() : term.substring(0, eq).strip();
      String value = eq < 0 ? "" : term.substring(eq + 1).replaceFirst("^=", "").strip();
      if (key.equals(field)) {
        found = value;
      } else if (!key.equals("metadata.namespace")) {
        throw new ApiError(
            ApiError.Code.INVALID_ARGUMENT,
            "field selector \"" + term + "\": targo selects on metadata.name only");
      }
    }
    return found;
  }

  /**
   * The names a listing keeps: {@code metadata.name} of the field selector as {@code nameFilter}
   * says ({@code Exact}, the default, {@code Prefix}, {@code Contains} or {@code NotEquals}).
   */
  Predicate<String> names() {
    String name = fieldSelector("metadata.name");
    if (name == null || name.isEmpty()) {
      return n -> true;
    }
    String filter = values.getOrDefault("nameFilter", "Exact");
    return switch (filter) {
      case "", "Exact" -> name::equals;
      case "Prefix" -> n -> n.startsWith(name);
      case "Contains" -> n -> n.contains(name);
      case "NotEquals" -> n -> !n.equals(name);
      default ->
          throw new ApiError(
              ApiError.Code.INVALID_ARGUMENT,
              "nameFilter \"" + filter + "\": Exact, Prefix, Contains or NotEquals");
    };
  }
}
