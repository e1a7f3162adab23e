package dev.targo.argo.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.targo.argo.plan.Parameter;
import java.util.List;

/**
 * Argo node {@code outputs}.
 *
 * @param exitCode {@code outputs.exitCode} as Argo writes it (a string), or null
 * @param result {@code outputs.result} (stdout of a script template), or null
 * @param parameters {@code outputs.parameters}
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeOutputs(String exitCode, String result, List<Parameter> parameters) {
  public NodeOutputs {
    parameters = parameters == null ? List.of() : List.copyOf(parameters);
  }
}
