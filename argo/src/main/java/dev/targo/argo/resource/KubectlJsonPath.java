package dev.targo.argo.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of kubectl's JSONPath templates ({@code kubectl get -o jsonpath=…}, which Argo's {@code
 * SaveResourceParameters} runs for {@code valueFrom.jsonPath}) that names one value: text with
 * {@code {…}} blocks holding a path of {@code .field}, {@code ['field']} and {@code [index]} steps,
 * such as {@code {.metadata.name}} or {@code {.status.conditions[0].type}}. Ranges, wildcards,
 * filters and recursive descent are refused by {@link #parse}. A string is printed as it is, any
 * other value as its JSON text, as kubectl prints them. Pure.
 */
public final class KubectlJsonPath {
  /** A piece of the template: literal text, or a path whose value is printed. */
  private sealed interface Piece {}

  private record Text(String text) implements Piece {}

  private record Path(String written, List<Object> steps) implements Piece {}

  private final List<Piece> pieces;

  private KubectlJsonPath(List<Piece> pieces) {
    this.pieces = pieces;
  }

  /** Thrown for a template targo cannot read; the message says why. */
  public static final class InvalidPath extends Exception {
    InvalidPath(String message) {
      super(message);
    }
  }

  /**
   * The template {@code text}.
   *
   * @throws InvalidPath when a block does not close or uses syntax beyond plain paths
   */
  public static KubectlJsonPath parse(String text) throws InvalidPath {
    List<Piece> pieces = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf('{', i);
      if (open < 0) {
        pieces.add(new Text(text.substring(i)));
        break;
      }
      if (open > i) {
        pieces.add(new Text(text.substring(i, open)));
      }
      int close = text.indexOf('}', open);
      if (close < 0) {
        throw new InvalidPath("unclosed action: '{' without '}' in " + text);
      }
      String body = text.substring(open + 1, close).strip();
      pieces.add(new Path(body, steps(body)));
      i = close + 1;
    }
    return new KubectlJsonPath(pieces);
  }

  private static List<Object> steps(String body) throws InvalidPath {
    List<Object> steps = new ArrayList<>();
    int i = body.startsWith("$") ? 1 : 0;
    while (i < body.length()) {
      char c = body.charAt(i);
      if (c == '.') {
        int end = i + 1;
        while (end < body.length() && body.charAt(end) != '.' && body.charAt(end) != '[') {
          end++;
        }
        String field = body.substring(i + 1, end);
        if (field.isEmpty() || field.equals("*")) {
          throw unsupported(body);
        }
        steps.add(field);
        i = end;
      } else if (c == '[') {
        int end = body.indexOf(']', i);
        if (end < 0) {
          throw new InvalidPath("unclosed '[' in {" + body + "}");
        }
        String inside = body.substring(i + 1, end).strip();
        if (inside.length() >= 2
            && (inside.charAt(0) == '\'' || inside.charAt(0) == '"')
            && inside.charAt(inside.length() - 1) == inside.charAt(0)) {
          steps.add(inside.substring(1, inside.length() - 1));
        } else if (inside.matches("\\d+")) {
          steps.add(Integer.parseInt(inside));
        } else {
          throw unsupported(body);
        }
        i = end + 1;
      } else {
        throw unsupported(body);
      }
    }
    if (steps.isEmpty() && !body.equals("$") && !body.equals(".")) {
      throw unsupported(body);
    }
    return steps;
  }

  private static InvalidPath unsupported(String body) {
    return new InvalidPath(
        "{"
            + body
            + "} is not a plain path: targo reads .field, ['field'] and [index] steps, not"
            + " ranges, wildcards, filters or '..'");
  }

  /**
   * The template printed over {@code resource}.
   *
   * @throws InvalidPath when a path names nothing (kubectl's {@code … is not found})
   */
  public String evaluate(JsonNode resource) throws InvalidPath {
    StringBuilder out = new StringBuilder();
    for (Piece piece : pieces) {
      switch (piece) {
        case Text t -> out.append(t.text());
        case Path p -> out.append(print(value(resource, p)));
      }
    }
    return out.toString();
  }

  private static JsonNode value(JsonNode resource, Path path) throws InvalidPath {
    JsonNode at = resource;
    for (Object step : path.steps()) {
      JsonNode next =
          step instanceof Integer index
              ? (at.isArray() ? at.get(index) : null)
              : (at.isObject() ? at.get((String) step) : null);
      if (next == null) {
        throw new InvalidPath(step + " is not found in {" + path.written() + "}");
      }
      at = next;
    }
    return at;
  }

  private static String print(JsonNode value) {
    return value.isTextual() ? value.textValue() : value.isNull() ? "" : value.toString();
  }
}
