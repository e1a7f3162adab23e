package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.pod.Classification;
import dev.targo.argo.pod.PodClassifier;
import dev.targo.argo.status.NodePhase;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/**
 * A template's sidecar runs as a Kubernetes native sidecar (an init container that restarts Always)
 * and is judged as Argo judges a sidecar: after main, and ignored when it was stopped with SIGTERM
 * or SIGKILL (Argo's {@code inferFailedReason}).
 */
class NativeSidecarTest {

  @Test
  void aFailedPodIsMainsFailureWhateverTheStoppedSidecarSays() {
    Classification c = PodClassifier.classify(PodStates.of(pod("Failed", 1, 143), false));

    assertThat(c.phase()).isEqualTo(NodePhase.Failed);
    assertThat(c.message()).isEqualTo("main: Error (exit code 1)");
  }

  @Test
  void aSidecarThatFailedOnItsOwnFailsThePodAsInArgo() {
    Classification c = PodClassifier.classify(PodStates.of(pod("Failed", 0, 2), false));

    assertThat(c.phase()).isEqualTo(NodePhase.Failed);
    assertThat(c.message()).startsWith("nginx: Error (exit code 2)");
  }

  @Test
  void aSucceededPodIsSucceeded() {
    assertThat(PodClassifier.classify(PodStates.of(pod("Succeeded", 0, 0), false)).phase())
        .isEqualTo(NodePhase.Succeeded);
  }

  private static Pod pod(String phase, int mainExit, int sidecarExit) {
    return new PodBuilder()
        .withNewMetadata()
        .withName("wf-main-1")
        .withNamespace("test")
        .endMetadata()
        .withNewSpec()
        .addNewInitContainer()
        .withName("nginx")
        .withImage("nginx")
        .withRestartPolicy("Always")
        .endInitContainer()
        .addNewContainer()
        .withName("main")
        .withImage("alpine")
        .endContainer()
        .endSpec()
        .withNewStatus()
        .withPhase(phase)
        .withInitContainerStatuses(terminated("nginx", sidecarExit))
        .withContainerStatuses(terminated("main", mainExit))
        .endStatus()
        .build();
  }

  private static ContainerStatus terminated(String name, int exitCode) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withNewState()
        .withNewTerminated()
        .withExitCode(exitCode)
        .withReason(exitCode == 0 ? "Completed" : "Error")
        .endTerminated()
        .endState()
        .build();
  }
}
