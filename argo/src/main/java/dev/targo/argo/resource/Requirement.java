package dev.targo.argo.resource;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One requirement of a label selector (Kubernetes' {@code labels.Requirement}), whose key is a
 * gjson path of the resource rather than a label. Pure.
 *
 * @param key the path, such as {@code status.succeeded}
 * @param operator how the value at the path is compared
 * @param values the values compared with, sorted and without repeats for {@code in} and {@code
 *     notin}; one for the comparisons, none for the existence tests
 */
public record Requirement(String key, Operator operator, List<String> values) {

  public Requirement {
    values = List.copyOf(values);
  }

  /** Kubernetes' selection operators, with the text each is written as. */
  public enum Operator {
    EQUALS("="),
    DOUBLE_EQUALS("=="),
    NOT_EQUALS("!="),
    IN(" in "),
    NOT_IN(" notin "),
    EXISTS(""),
    DOES_NOT_EXIST(""),
    GREATER_THAN(">"),
    LESS_THAN("<");

    private final String text;

    Operator(String text) {
      this.text = text;
    }
  }

  /** Whether the resource's JSON satisfies this requirement (Kubernetes' {@code Matches}). */
  public boolean matches(JsonNode resource) {
    String value = GJson.get(resource, key);
    boolean has = value != null;
    return switch (operator) {
      case EQUALS, DOUBLE_EQUALS, IN -> has && values.contains(value);
      case NOT_EQUALS, NOT_IN -> !has || !values.contains(value);
      case EXISTS -> has;
      case DOES_NOT_EXIST -> !has;
      case GREATER_THAN, LESS_THAN -> has && compares(value);
    };
  }

  private boolean compares(String value) {
    long actual;
    try {
      actual = Long.parseLong(value);
    } catch (NumberFormatException e) {
      return false; // as Kubernetes: a value that is not an integer matches neither > nor <
    }
    long wanted = Long.parseLong(values.get(0));
    return operator == Operator.GREATER_THAN ? actual > wanted : actual < wanted;
  }

  /** As Kubernetes' {@code Requirement.String()}: {@code status.failed>1}, {@code a in (x,y)}. */
  @Override
  public String toString() {
    return switch (operator) {
      case EXISTS -> key;
      case DOES_NOT_EXIST -> "!" + key;
      case IN, NOT_IN -> key + operator.text + "(" + String.join(",", values) + ")";
      default -> key + operator.text + values.get(0);
    };
  }
}
