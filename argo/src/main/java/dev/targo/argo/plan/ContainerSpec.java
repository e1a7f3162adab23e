package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The Kubernetes container fields of an Argo {@code container} or {@code script} template. Fields
 * targo passes through to the pod unread are kept as JSON.
 *
 * @param image {@code image}
 * @param command {@code command}
 * @param args {@code args}
 * @param env {@code env}
 * @param workingDir {@code workingDir}, or null
 * @param resources {@code resources}, or null
 * @param volumeMounts {@code volumeMounts}
 * @param securityContext {@code securityContext}, or null
 * @param imagePullPolicy {@code imagePullPolicy}, or null
 * @param readinessProbe {@code readinessProbe} (a Kubernetes {@code Probe}), or null: when the pod
 *     of a daemon template is ready
 */
public record ContainerSpec(
    String image,
    List<String> command,
    List<String> args,
    List<EnvVar> env,
    String workingDir,
    JsonNode resources,
    List<JsonNode> volumeMounts,
    JsonNode securityContext,
    String imagePullPolicy,
    @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode readinessProbe) {

  public ContainerSpec {
    command = command == null ? List.of() : List.copyOf(command);
    args = args == null ? List.of() : List.copyOf(args);
    env = env == null ? List.of() : List.copyOf(env);
    volumeMounts = volumeMounts == null ? List.of() : List.copyOf(volumeMounts);
  }

  /**
   * A Kubernetes {@code EnvVar}.
   *
   * @param name {@code name}
   * @param value {@code value}, or null
   * @param valueFrom {@code valueFrom} as JSON, or null
   */
  public record EnvVar(String name, String value, JsonNode valueFrom) {}

  /** A container without a readiness probe. */
  public ContainerSpec(
      String image,
      List<String> command,
      List<String> args,
      List<EnvVar> env,
      String workingDir,
      JsonNode resources,
      List<JsonNode> volumeMounts,
      JsonNode securityContext,
      String imagePullPolicy) {
    this(
        image,
        command,
        args,
        env,
        workingDir,
        resources,
        volumeMounts,
        securityContext,
        imagePullPolicy,
        null);
  }
}
