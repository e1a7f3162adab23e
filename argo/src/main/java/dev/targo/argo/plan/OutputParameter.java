package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An entry of Argo {@code outputs.parameters}. Exactly one of {@code path}, {@code parameter},
 * {@code expression} and {@code value} is set. {@code outputs.result} and {@code exitCode} are not
 * listed here: every pod template has them.
 *
 * @param name {@code name}
 * @param path {@code valueFrom.path} (container and script templates): the file in the main
 *     container whose content is the value, or null
 * @param parameter {@code valueFrom.parameter} (steps and dag templates): a {@code {{…}}} text
 *     naming a child's output, such as {@code {{steps.gen.outputs.parameters.out}}}, or null
 * @param value {@code value}: a literal, substituted at run time, or null
 * @param defaultValue {@code valueFrom.default}: the value when the path or parameter cannot be
 *     read, or null (then the node fails)
 * @param description {@code description}, or null
 * @param expression {@code valueFrom.expression} (steps and dag templates): an expr-lang expression
 *     over the template's scope ({@code steps['a'].outputs.result == 'x' ? … : …}), or null
 * @param supplied {@code valueFrom.supplied} (suspend templates): true when the value is given by
 *     {@code targo node set} or {@code targo resume}, else its default; null otherwise
 * @param jsonPath {@code valueFrom.jsonPath} (resource templates): a kubectl JSONPath template
 *     ({@code {.metadata.name}}) read from the resource once its conditions hold, or null
 * @param globalName {@code globalName}: the name under which a value the node ends with is exported
 *     as {@code workflow.outputs.parameters.<globalName>} and in the workflow's {@code
 *     status.outputs}, or null
 */
public record OutputParameter(
    String name,
    String path,
    String parameter,
    String value,
    String defaultValue,
    String description,
    // Left out of the plan's JSON when absent: plans written before it existed read the same.
    @JsonInclude(JsonInclude.Include.NON_NULL) String expression,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean supplied,
    @JsonInclude(JsonInclude.Include.NON_NULL) String jsonPath,
    @JsonInclude(JsonInclude.Include.NON_NULL) String globalName) {

  /** An output with no {@code globalName}. */
  public OutputParameter(
      String name,
      String path,
      String parameter,
      String value,
      String defaultValue,
      String description,
      String expression,
      Boolean supplied,
      String jsonPath) {
    this(
        name,
        path,
        parameter,
        value,
        defaultValue,
        description,
        expression,
        supplied,
        jsonPath,
        null);
  }

  /** An output with no {@code valueFrom.jsonPath}. */
  public OutputParameter(
      String name,
      String path,
      String parameter,
      String value,
      String defaultValue,
      String description,
      String expression,
      Boolean supplied) {
    this(name, path, parameter, value, defaultValue, description, expression, supplied, null);
  }

  /** An output with no {@code valueFrom.expression}. */
  public OutputParameter(
      String name,
      String path,
      String parameter,
      String value,
      String defaultValue,
      String description) {
    this(name, path, parameter, value, defaultValue, description, null, null);
  }

  /** An output with no {@code valueFrom.supplied}. */
  public OutputParameter(
      String name,
      String path,
      String parameter,
      String value,
      String defaultValue,
      String description,
      String expression) {
    this(name, path, parameter, value, defaultValue, description, expression, null);
  }
}
