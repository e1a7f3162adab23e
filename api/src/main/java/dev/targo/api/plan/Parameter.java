package dev.targo.api.plan;

/**
 * An Argo parameter: an entry of {@code spec.arguments.parameters} or {@code inputs.parameters}.
 *
 * @param name {@code name}
 * @param value {@code value}, or null when absent
 * @param defaultValue {@code default}, or null when absent
 * @param description {@code description}, or null
 */
public record Parameter(String name, String value, String defaultValue, String description) {

  /** A parameter with only a value. */
  public static Parameter of(String name, String value) {
    return new Parameter(name, value, null, null);
  }

  /** {@code value} when present, else {@code default}, else null. */
  public String effectiveValue() {
    return value != null ? value : defaultValue;
  }
}
