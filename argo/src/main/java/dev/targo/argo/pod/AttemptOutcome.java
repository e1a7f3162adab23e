package dev.targo.argo.pod;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.targo.argo.plan.Artifact;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WholeSeconds;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one attempt ended (ARGO-SEMANTICS §2): for a pod, as the executor classified it; for a steps
 * or DAG attempt, as its node ended. Built with the factories, which name what is known.
 *
 * @param phase Succeeded, Failed or Error
 * @param message Argo's message ({@code main: Error (exit code 1)}), or null
 * @param exitCode the main container's exit code, or null when it never ran
 * @param hostNodeName the host the pod ran on (hostname label value), or null if never scheduled
 * @param startedAt when the attempt started
 * @param finishedAt when it finished
 * @param transientError true when the failure is transient (OnTransientError)
 * @param podName the pod name, or null for an attempt without a pod
 * @param result the main container's output ({@code outputs.result}), or null
 * @param outputParameters values of the template's {@code outputs.parameters} with {@code
 *     valueFrom.path}, by name in declaration order (a missing file gives {@code
 *     valueFrom.default}), or null when the executor read none
 * @param outputArtifacts the template's {@code outputs.artifacts} the pod saved, each with its
 *     location (never its bytes), in declaration order; empty when none
 * @param containers how each container of a {@code containerSet} pod ended, in declaration order;
 *     empty for other pods, and when the executor could not tell
 * @param failedPodRestarts how many times the pod was created again after it failed before its main
 *     container ran (Argo 4's {@code failedPodRestart}), which costs no retry; null when never
 * @param reason why the main container was terminated when Kubernetes names a reason beyond an
 *     ordinary exit ({@code OOMKilled}; {@link #terminationReason}), or null
 */
public record AttemptOutcome(
    NodePhase phase,
    String message,
    Integer exitCode,
    String hostNodeName,
    Instant startedAt,
    Instant finishedAt,
    boolean transientError,
    String podName,
    String result,
    Map<String, String> outputParameters,
    // Left out of the payload when empty: outcomes recorded before it existed read the same.
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Artifact> outputArtifacts,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ContainerOutcome> containers,
    // Left out of the payload when null: outcomes recorded before they existed read the same.
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer failedPodRestarts,
    @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

  public AttemptOutcome {
    outputArtifacts = outputArtifacts == null ? List.of() : List.copyOf(outputArtifacts);
    containers = containers == null ? List.of() : List.copyOf(containers);
    outputParameters =
        outputParameters == null
            ? null
            : Collections.unmodifiableMap(new LinkedHashMap<>(outputParameters));
  }

  /**
   * A pod whose main container ran (or was classified from the pod's status).
   *
   * @param exitCode the main container's exit code, or null when it has none
   * @param host where the pod ran, or null
   * @param result its output, or null
   * @param outputParameters its output parameters, or null
   */
  public static AttemptOutcome ofPod(
      NodePhase phase,
      String message,
      Integer exitCode,
      String host,
      Instant startedAt,
      Instant finishedAt,
      String podName,
      String result,
      Map<String, String> outputParameters) {
    return new AttemptOutcome(
        phase,
        message,
        exitCode,
        host,
        startedAt,
        finishedAt,
        false,
        podName,
        result,
        outputParameters,
        List.of(),
        List.of(),
        null,
        null);
  }

  /**
   * An attempt that ended without its main container's outcome: refused before a pod existed, its
   * pod deleted, ended by a deadline or a stop. No exit code, no output.
   *
   * @param podName the attempt's pod name (whether or not the pod was created)
   */
  public static AttemptOutcome ended(
      NodePhase phase, String message, String podName, Instant startedAt, Instant finishedAt) {
    return new AttemptOutcome(
        phase,
        message,
        null,
        null,
        startedAt,
        finishedAt,
        false,
        podName,
        null,
        null,
        List.of(),
        List.of(),
        null,
        null);
  }

  /** {@link #ended} in Error at one instant: an attempt refused or lost as it began. */
  public static AttemptOutcome error(String message, String podName, Instant at) {
    return ended(NodePhase.Error, message, podName, at, at);
  }

  /** How a steps or DAG attempt ended: its node's phase, message and times; no pod. */
  public static AttemptOutcome ofNode(
      NodePhase phase, String message, Instant startedAt, Instant finishedAt) {
    return ended(phase, message, null, startedAt, finishedAt);
  }

  /**
   * The same outcome with its times to the second, as Argo keeps a node's {@code startedAt} and
   * {@code finishedAt} (Kubernetes {@code metav1.Time} is serialized in whole seconds), so that
   * {@code lastRetry.duration} is {@code finishedAt - startedAt} in whole seconds as Argo's {@code
   * NodeStatus.GetDuration} gives it from the stored node.
   */
  public AttemptOutcome inWholeSeconds() {
    return new AttemptOutcome(
        phase,
        message,
        exitCode,
        hostNodeName,
        WholeSeconds.of(startedAt),
        WholeSeconds.of(finishedAt),
        transientError,
        podName,
        result,
        outputParameters,
        outputArtifacts,
        containers,
        failedPodRestarts,
        reason);
  }

  /** The same outcome, with the artifacts its pod saved. */
  public AttemptOutcome withOutputArtifacts(List<Artifact> artifacts) {
    return new AttemptOutcome(
        phase,
        message,
        exitCode,
        hostNodeName,
        startedAt,
        finishedAt,
        transientError,
        podName,
        result,
        outputParameters,
        artifacts,
        containers,
        failedPodRestarts,
        reason);
  }

  /** The same outcome, on {@code host}. */
  public AttemptOutcome onHost(String host) {
    return new AttemptOutcome(
        phase,
        message,
        exitCode,
        host,
        startedAt,
        finishedAt,
        transientError,
        podName,
        result,
        outputParameters,
        outputArtifacts,
        containers,
        failedPodRestarts,
        reason);
  }

  /** The same outcome, known to be transient ({@code OnTransientError} retries it). */
  public AttemptOutcome asTransient() {
    return new AttemptOutcome(
        phase,
        message,
        exitCode,
        hostNodeName,
        startedAt,
        finishedAt,
        true,
        podName,
        result,
        outputParameters,
        outputArtifacts,
        containers,
        failedPodRestarts,
        reason);
  }

  /**
   * The same outcome after its pod was created again {@code restarts} times, each after it failed
   * before its main container ran (Argo 4's {@code failedPodRestarts}); 0 leaves it out.
   */
  public AttemptOutcome withFailedPodRestarts(int restarts) {
    return new AttemptOutcome(
        phase,
        message,
        exitCode,
        hostNodeName,
        startedAt,
        finishedAt,
        transientError,
        podName,
        result,
        outputParameters,
        outputArtifacts,
        containers,
        restarts == 0 ? null : restarts,
        reason);
  }

  /** The same outcome, with how each container of its {@code containerSet} pod ended. */
  public AttemptOutcome withContainers(List<ContainerOutcome> next) {
    return new AttemptOutcome(
        phase,
        message,
        exitCode,
        hostNodeName,
        startedAt,
        finishedAt,
        transientError,
        podName,
        result,
        outputParameters,
        outputArtifacts,
        next,
        failedPodRestarts,
        reason);
  }

  /** The same outcome, with the main container's termination reason ({@code OOMKilled}). */
  public AttemptOutcome withReason(String next) {
    return new AttemptOutcome(
        phase,
        message,
        exitCode,
        hostNodeName,
        startedAt,
        finishedAt,
        transientError,
        podName,
        result,
        outputParameters,
        outputArtifacts,
        containers,
        failedPodRestarts,
        next);
  }

  /** The same outcome, with {@code next} as its message. */
  public AttemptOutcome withMessage(String next) {
    return new AttemptOutcome(
        phase,
        next,
        exitCode,
        hostNodeName,
        startedAt,
        finishedAt,
        transientError,
        podName,
        result,
        outputParameters,
        outputArtifacts,
        containers,
        failedPodRestarts,
        reason);
  }

  /** The same outcome, ended {@code next} (a daemon whose pod succeeded has Failed). */
  public AttemptOutcome withPhase(NodePhase next) {
    return new AttemptOutcome(
        next,
        message,
        exitCode,
        hostNodeName,
        startedAt,
        finishedAt,
        transientError,
        podName,
        result,
        outputParameters,
        outputArtifacts,
        containers,
        failedPodRestarts,
        reason);
  }

  /** Kubernetes' reason for a container killed because it went over its memory limit. */
  public static final String OOM_KILLED = "OOMKilled";

  /**
   * The reason worth keeping from a terminated container: Kubernetes' own ({@code OOMKilled},
   * {@code ContainerCannotRun}, …), not the ordinary {@code Completed} or {@code Error} of any
   * exit; null for those and for none.
   */
  public static String terminationReason(String containerReason) {
    return containerReason == null
            || containerReason.isEmpty()
            || containerReason.equals("Completed")
            || containerReason.equals("Error")
        ? null
        : containerReason;
  }

  /** True when the main container was killed for going over its memory limit. */
  public boolean oomKilled() {
    return OOM_KILLED.equals(reason);
  }
}
