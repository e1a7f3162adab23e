package dev.targo.argo.pod;

import dev.targo.argo.pod.PodState.Condition;
import dev.targo.argo.pod.PodState.ContainerState;
import dev.targo.argo.pod.PodState.ContainerState.Terminated;
import dev.targo.argo.pod.PodState.ContainerState.Waiting;
import dev.targo.argo.pod.PodState.ContainerStatus;
import dev.targo.argo.pod.PodState.Phase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link PodState}s for tests, Kubernetes field by field. */
final class PodBuilder {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final Instant T1 = Instant.parse("2025-01-01T00:00:05Z");

  private final Phase phase;
  private String reason;
  private String message;
  private final List<ContainerStatus> init = new ArrayList<>();
  private final List<ContainerStatus> containers = new ArrayList<>();
  private final List<Condition> conditions = new ArrayList<>();
  private boolean deleted;

  private PodBuilder(Phase phase) {
    this.phase = phase;
  }

  static PodBuilder pod(Phase phase) {
    return new PodBuilder(phase);
  }

  static Terminated exited(int code, String reason) {
    return new Terminated(code, reason, null, T0, T1);
  }

  static Terminated exited(int code, String reason, String message) {
    return new Terminated(code, reason, message, T0, T1);
  }

  static Waiting waiting(String reason, String message) {
    return new Waiting(reason, message);
  }

  static ContainerState.Running running() {
    return new ContainerState.Running(T0);
  }

  PodBuilder status(String reason, String message) {
    this.reason = reason;
    this.message = message;
    return this;
  }

  PodBuilder init(String name, ContainerState state) {
    init.add(new ContainerStatus(name, state));
    return this;
  }

  PodBuilder main(ContainerState state) {
    return container(PodState.MAIN, state);
  }

  PodBuilder container(String name, ContainerState state) {
    containers.add(new ContainerStatus(name, state));
    return this;
  }

  PodBuilder unschedulable(String message) {
    conditions.add(
        new Condition(Condition.POD_SCHEDULED, "False", Condition.UNSCHEDULABLE, message));
    return this;
  }

  PodBuilder deleted() {
    deleted = true;
    return this;
  }

  PodState build() {
    return new PodState(
        "p", "ns", phase, reason, message, init, containers, conditions, "node-1", deleted);
  }
}
