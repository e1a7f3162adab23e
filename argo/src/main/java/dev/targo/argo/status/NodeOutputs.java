package dev.targo.argo.status;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.targo.argo.plan.Artifact;
import dev.targo.argo.plan.Parameter;
import java.util.List;

/**
 * Argo node {@code outputs}.
 *
 * @param exitCode {@code outputs.exitCode} as Argo writes it (a string), or null
 * @param result {@code outputs.result} (stdout of a script template), or null
 * @param parameters {@code outputs.parameters}
 * @param artifacts {@code outputs.artifacts}: each saved artifact with its location
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NodeOutputs(
    String exitCode, String result, List<Parameter> parameters, List<Artifact> artifacts) {
  public NodeOutputs {
    parameters = parameters == null ? List.of() : List.copyOf(parameters);
    artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
  }

  /** Outputs without artifacts. */
  public NodeOutputs(String exitCode, String result, List<Parameter> parameters) {
    this(exitCode, result, parameters, List.of());
  }
}
