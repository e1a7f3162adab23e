package dev.targo.argo.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.targo.argo.plan.Parameter;
import java.util.List;
import java.util.Map;

/**
 * Argo node {@code inputs}: the template's input parameters with the values the node ran with, as
 * Argo's {@code initializeExecutableNode} copies them from the resolved template ({@code
 * workflow/controller/operator.go}) for a template that has inputs.
 *
 * @param parameters {@code inputs.parameters}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeInputs(List<Parameter> parameters) {
  public NodeInputs {
    parameters = parameters == null ? List.of() : List.copyOf(parameters);
  }

  /**
   * The inputs of a node running a template that declares {@code declared}, with the values bound
   * in {@code vars} ({@code inputs.parameters.<name>}); null when it declares none.
   */
  public static NodeInputs of(List<Parameter> declared, Map<String, String> vars) {
    if (declared.isEmpty()) {
      return null;
    }
    return new NodeInputs(
        declared.stream()
            .map(
                p ->
                    new Parameter(
                        p.name(),
                        vars.getOrDefault("inputs.parameters." + p.name(), p.value()),
                        p.defaultValue(),
                        p.description(),
                        p.enumValues()))
            .toList());
  }
}
