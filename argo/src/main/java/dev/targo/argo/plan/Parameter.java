package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An Argo parameter: an entry of {@code spec.arguments.parameters}, {@code inputs.parameters} or a
 * step's or task's {@code arguments.parameters}.
 *
 * @param name {@code name}
 * @param value {@code value}, or null when absent
 * @param defaultValue {@code default}, or null when absent
 * @param description {@code description}, or null
 * @param enumValues {@code enum}: the values offered for it, empty when absent
 * @param configMapKeyRef {@code valueFrom.configMapKeyRef} of a workflow argument or an input, or
 *     null; the workflow reads it when it starts
 */
public record Parameter(
    String name,
    String value,
    String defaultValue,
    String description,
    List<String> enumValues,
    // Left out of the plan's JSON when absent: plans written before it existed read the same.
    @JsonInclude(JsonInclude.Include.NON_NULL) ConfigMapKeyRef configMapKeyRef) {

  public Parameter {
    enumValues = enumValues == null ? List.of() : List.copyOf(enumValues);
  }

  /** A parameter without {@code valueFrom.configMapKeyRef}. */
  public Parameter(
      String name, String value, String defaultValue, String description, List<String> enumValues) {
    this(name, value, defaultValue, description, enumValues, null);
  }

  /** A parameter without {@code enum} (the shape before enums were recorded). */
  public Parameter(String name, String value, String defaultValue, String description) {
    this(name, value, defaultValue, description, List.of());
  }

  /** A parameter with only a value. */
  public static Parameter of(String name, String value) {
    return new Parameter(name, value, null, null);
  }

  /** {@code value} when present, else {@code default}, else null. */
  public String effectiveValue() {
    return value != null ? value : defaultValue;
  }
}
