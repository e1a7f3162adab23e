package dev.targo.worker.executor.kubernetes;

import dev.targo.argo.pod.PodState;
import dev.targo.argo.pod.PodState.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads a fabric8 {@code Pod} into targo's own {@link PodState}, which the classifier judges. */
final class PodStates {
  private PodStates() {}

  static PodState of(Pod pod, boolean deleted) {
    PodStatus status = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
    return new PodState(
        pod.getMetadata().getName(),
        pod.getMetadata().getNamespace(),
        phase(status.getPhase()),
        status.getReason(),
        status.getMessage(),
        containers(initStatuses(pod, status, false)),
        containers(initStatuses(pod, status, true)),
        status.getConditions() == null
            ? List.of()
            : status.getConditions().stream().map(PodStates::condition).toList(),
        pod.getSpec() == null ? null : pod.getSpec().getNodeName(),
        deleted);
  }

  /** When the main container started running, or null. */
  static Instant mainStartedAt(PodState pod) {
    return pod.main()
        .map(
            c ->
                switch (c.state()) {
                  case ContainerState.Running r -> r.startedAt();
                  case ContainerState.Terminated t -> t.startedAt();
                  case ContainerState.Waiting w -> null;
                })
        .orElse(null);
  }

  /** When the main container terminated, or null. */
  static Instant mainFinishedAt(PodState pod) {
    return pod.main()
        .map(c -> c.state() instanceof ContainerState.Terminated t ? t.finishedAt() : null)
        .orElse(null);
  }

  private static PodState.Phase phase(String phase) {
    if (phase == null || phase.isEmpty()) {
      return PodState.Phase.Pending; // a pod the API server has just stored has no phase yet
    }
    try {
      return PodState.Phase.valueOf(phase);
    } catch (IllegalArgumentException e) {
      return PodState.Phase.Unknown;
    }
  }

  /**
   * The init container statuses that are init containers ({@code sidecars} false), or the container
   * statuses followed by those of native sidecars ({@code sidecars} true): a template's sidecar
   * runs as an init container that restarts Always, and is judged as Argo judges a sidecar.
   */
  private static List<io.fabric8.kubernetes.api.model.ContainerStatus> initStatuses(
      Pod pod, PodStatus status, boolean sidecars) {
    java.util.Set<String> nativeSidecars = new java.util.HashSet<>();
    if (pod.getSpec() != null && pod.getSpec().getInitContainers() != null) {
      pod.getSpec().getInitContainers().stream()
          .filter(c -> "Always".equals(c.getRestartPolicy()))
          .forEach(c -> nativeSidecars.add(c.getName()));
    }
    List<io.fabric8.kubernetes.api.model.ContainerStatus> out = new java.util.ArrayList<>();
    if (sidecars && status.getContainerStatuses() != null) {
      out.addAll(status.getContainerStatuses());
    }
    if (status.getInitContainerStatuses() != null) {
      status.getInitContainerStatuses().stream()
          .filter(s -> nativeSidecars.contains(s.getName()) == sidecars)
          .forEach(out::add);
    }
    return out;
  }

  private static List<PodState.ContainerStatus> containers(
      List<io.fabric8.kubernetes.api.model.ContainerStatus> statuses) {
    if (statuses == null) {
      return List.of();
    }
    return statuses.stream()
        .map(s -> new PodState.ContainerStatus(s.getName(), state(s.getState())))
        .toList();
  }

  private static ContainerState state(io.fabric8.kubernetes.api.model.ContainerState s) {
    if (s != null && s.getTerminated() != null) {
      ContainerStateTerminated t = s.getTerminated();
      return new ContainerState.Terminated(
          t.getExitCode() == null ? 0 : t.getExitCode(),
          t.getReason(),
          t.getMessage(),
          instant(t.getStartedAt()),
          instant(t.getFinishedAt()));
    }
    if (s != null && s.getRunning() != null) {
      return new ContainerState.Running(instant(s.getRunning().getStartedAt()));
    }
    if (s != null && s.getWaiting() != null) {
      return new ContainerState.Waiting(s.getWaiting().getReason(), s.getWaiting().getMessage());
    }
    // The kubelet reports no state before it has looked at the container: waiting, no reason.
    return new ContainerState.Waiting(null, null);
  }

  private static PodState.Condition condition(PodCondition c) {
    return new PodState.Condition(c.getType(), c.getStatus(), c.getReason(), c.getMessage());
  }

  private static Instant instant(String time) {
    if (time == null || time.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(time);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
