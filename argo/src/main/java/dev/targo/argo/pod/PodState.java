package dev.targo.argo.pod;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a Kubernetes pod's status that decide an attempt's outcome, in targo's own records.
 * Every executor maps what it sees into this shape ({@code local} from its processes, {@code
 * kubernetes} from fabric8 pods), so one {@link PodClassifier} serves both and no client-library
 * type reaches the classification or a Temporal payload.
 *
 * @param name {@code metadata.name}
 * @param namespace {@code metadata.namespace}
 * @param phase {@code status.phase}
 * @param reason {@code status.reason} ({@code Evicted}, {@code DeadlineExceeded}), or null
 * @param message {@code status.message}, or null
 * @param initContainers {@code status.initContainerStatuses}
 * @param containers {@code status.containerStatuses}
 * @param conditions {@code status.conditions}
 * @param nodeName {@code spec.nodeName}, or null while unscheduled
 * @param deleted true when the pod is gone (deleted, node lost): this is its last known state
 */
public record PodState(
    String name,
    String namespace,
    Phase phase,
    String reason,
    String message,
    List<ContainerStatus> initContainers,
    List<ContainerStatus> containers,
    List<Condition> conditions,
    String nodeName,
    boolean deleted) {

  /** Name of the container that runs a template's command, as Argo names it. */
  public static final String MAIN = "main";

  /** Name of Argo's init container. */
  public static final String INIT = "init";

  /** Name of Argo's wait sidecar (targo's own pods have none). */
  public static final String WAIT = "wait";

  public PodState {
    initContainers = initContainers == null ? List.of() : List.copyOf(initContainers);
    containers = containers == null ? List.of() : List.copyOf(containers);
    conditions = conditions == null ? List.of() : List.copyOf(conditions);
  }

  /** The status of the container named {@code main}, if the pod reports one. */
  public Optional<ContainerStatus> main() {
    return containers.stream().filter(c -> MAIN.equals(c.name())).findFirst();
  }

  /** When the last of its containers terminated, if one has. */
  public Optional<Instant> lastFinishedAt() {
    return containers.stream()
        .map(c -> c.state() instanceof ContainerState.Terminated t ? t.finishedAt() : null)
        .filter(java.util.Objects::nonNull)
        .max(java.util.Comparator.naturalOrder());
  }

  /** {@code status.phase} of a pod. */
  public enum Phase {
    Pending,
    Running,
    Succeeded,
    Failed,
    Unknown
  }

  /**
   * One entry of {@code containerStatuses} or {@code initContainerStatuses}.
   *
   * @param name the container name
   * @param state its current {@code state}
   */
  public record ContainerStatus(String name, ContainerState state) {}

  /** A container's {@code state}: exactly one of waiting, running and terminated. */
  public sealed interface ContainerState {

    /**
     * {@code state.waiting}: not started (yet), for example {@code ContainerCreating}, {@code
     * ImagePullBackOff} or {@code CreateContainerConfigError}.
     *
     * @param reason {@code reason}, or null
     * @param message {@code message}, or null
     */
    record Waiting(String reason, String message) implements ContainerState {}

    /**
     * {@code state.running}.
     *
     * @param startedAt {@code startedAt}
     */
    record Running(Instant startedAt) implements ContainerState {}

    /**
     * {@code state.terminated}.
     *
     * @param exitCode {@code exitCode}
     * @param reason {@code reason}: {@code Completed}, {@code Error}, {@code OOMKilled}, {@code
     *     StartError} …, or null
     * @param message {@code message}, or null
     * @param startedAt {@code startedAt}, or null when the container never ran
     * @param finishedAt {@code finishedAt}, or null
     */
    record Terminated(
        int exitCode, String reason, String message, Instant startedAt, Instant finishedAt)
        implements ContainerState {}
  }

  /**
   * One entry of {@code status.conditions}, such as {@code PodScheduled=False} with reason {@code
   * Unschedulable}.
   *
   * @param type {@code type}
   * @param status {@code status}: {@code True}, {@code False} or {@code Unknown}
   * @param reason {@code reason}, or null
   * @param message {@code message}, or null
   */
  public record Condition(String type, String status, String reason, String message) {

    /** Condition type set by the scheduler. */
    public static final String POD_SCHEDULED = "PodScheduled";

    /** Reason the scheduler gives when no node fits. */
    public static final String UNSCHEDULABLE = "Unschedulable";
  }
}
