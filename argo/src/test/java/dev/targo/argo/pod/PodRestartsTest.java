package dev.targo.argo.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.pod.PodState.ContainerState;
import dev.targo.argo.pod.PodState.ContainerStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which failed pods Argo 4 creates again ({@code pod_restart_test.go}'s cases). */
class PodRestartsTest {
  private static final List<String> MAIN = List.of("main");
  private static final Instant T = Instant.parse("2026-01-01T10:00:00Z");

  private static PodState pod(PodState.Phase phase, String reason, List<ContainerStatus> cs) {
    return new PodState(
        "p",
        "ns",
        phase,
        reason,
        "The node was low on resource: memory.",
        List.of(),
        cs,
        List.of(),
        "node-a",
        false);
  }

  @Test
  void anEvictedPodWhoseMainNeverStartedQualifies() {
    assertThat(PodRestarts.qualifies(pod(PodState.Phase.Failed, "Evicted", List.of()), MAIN))
        .isTrue();
    ContainerStatus waiting =
        new ContainerStatus("main", new ContainerState.Waiting("ContainerCreating", null));
    assertThat(PodRestarts.qualifies(pod(PodState.Phase.Failed, "Evicted", List.of(waiting)), MAIN))
        .isTrue();
  }

  @Test
  void everyNodeReasonArgoListsQualifiesAndNoOther() {
    for (String reason :
        List.of("Evicted", "NodeShutdown", "NodeAffinity", "UnexpectedAdmissionError")) {
      assertThat(PodRestarts.qualifies(pod(PodState.Phase.Failed, reason, List.of()), MAIN))
          .as(reason)
          .isTrue();
    }
    for (String reason : List.of("OOMKilled", "DeadlineExceeded", "Error", "")) {
      assertThat(PodRestarts.qualifies(pod(PodState.Phase.Failed, reason, List.of()), MAIN))
          .as(reason)
          .isFalse();
    }
    assertThat(PodRestarts.qualifies(pod(PodState.Phase.Failed, null, List.of()), MAIN)).isFalse();
  }

  @Test
  void aPodWhoseMainRanDoesNotQualify() {
    ContainerStatus running = new ContainerStatus("main", new ContainerState.Running(T));
    ContainerStatus ran =
        new ContainerStatus("main", new ContainerState.Terminated(137, "Error", null, T, T));
    assertThat(PodRestarts.qualifies(pod(PodState.Phase.Failed, "Evicted", List.of(running)), MAIN))
        .isFalse();
    assertThat(PodRestarts.qualifies(pod(PodState.Phase.Failed, "Evicted", List.of(ran)), MAIN))
        .isFalse();
  }

  @Test
  void aMainTerminatedWithoutEverStartingAndOtherContainersDoNotCount() {
    ContainerStatus neverStarted =
        new ContainerStatus(
            "main", new ContainerState.Terminated(0, "ContainerStatusUnknown", null, null, T));
    ContainerStatus sidecar = new ContainerStatus("sidecar", new ContainerState.Running(T));
    assertThat(
            PodRestarts.qualifies(
                pod(PodState.Phase.Failed, "Evicted", List.of(neverStarted, sidecar)), MAIN))
        .isTrue();
  }

  @Test
  void aContainerSetQualifiesOnlyWhenNoneOfItsContainersStarted() {
    ContainerStatus a = new ContainerStatus("a", new ContainerState.Running(T));
    List<String> set = List.of("a", "b");
    assertThat(PodRestarts.qualifies(pod(PodState.Phase.Failed, "Evicted", List.of(a)), set))
        .isFalse();
    assertThat(PodRestarts.qualifies(pod(PodState.Phase.Failed, "Evicted", List.of()), set))
        .isTrue();
  }

  @Test
  void onlyAFailedPodQualifies() {
    for (PodState.Phase phase :
        List.of(PodState.Phase.Pending, PodState.Phase.Running, PodState.Phase.Succeeded)) {
      assertThat(PodRestarts.qualifies(pod(phase, "Evicted", List.of()), MAIN))
          .as("%s", phase)
          .isFalse();
    }
  }

  @Test
  void theMessageSaysWhyAsArgosDoes() {
    assertThat(PodRestarts.message(pod(PodState.Phase.Failed, "Evicted", List.of())))
        .isEqualTo("Pod auto-restarting due to Evicted: The node was low on resource: memory.");
  }
}
