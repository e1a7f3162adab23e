package dev.targo.argo.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of gjson's path syntax that Argo's resource conditions use ({@code gjsonLabels} in
 * Argo's {@code workflow/executor/resource.go}): keys separated by dots, a dot inside a key escaped
 * with a backslash, a number indexing an array, and {@code #} for an array's length. A value is
 * returned as gjson's {@code Result.String()} gives it: a string as it is, a number, boolean or
 * object as its JSON text, {@code null} as the empty string. Pure.
 */
public final class GJson {
  private GJson() {}

  /** The value at {@code path} in {@code json} as gjson's {@code String()}, or null when absent. */
  public static String get(JsonNode json, String path) {
    JsonNode at = json;
    for (String key : keys(path)) {
      if (at == null) {
        return null;
      }
      if (at.isArray()) {
        if (key.equals("#")) {
          return Integer.toString(at.size());
        }
        at = index(at, key);
      } else if (at.isObject()) {
        at = at.get(key);
      } else {
        return null;
      }
    }
    if (at == null || at.isMissingNode()) {
      return null;
    }
    if (at.isTextual()) {
      return at.textValue();
    }
    return at.isNull() ? "" : at.toString();
  }

  private static JsonNode index(JsonNode array, String key) {
    if (key.isEmpty() || !key.chars().allMatch(Character::isDigit)) {
      return null;
    }
    try {
      return array.get(Integer.parseInt(key));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The keys of {@code path}: split at every dot not escaped by a backslash. */
  static List<String> keys(String path) {
    List<String> keys = new ArrayList<>();
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' && i + 1 < path.length()) {
        key.append(path.charAt(++i));
      } else if (c == '.') {
        keys.add(key.toString());
        key.setLength(0);
      } else {
        key.append(c);
      }
    }
    keys.add(key.toString());
    return keys;
  }
}
