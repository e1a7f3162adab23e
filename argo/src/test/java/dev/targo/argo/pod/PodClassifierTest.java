package dev.targo.argo.pod;

import static dev.targo.argo.pod.PodBuilder.exited;
import static dev.targo.argo.pod.PodBuilder.pod;
import static dev.targo.argo.pod.PodBuilder.running;
import static dev.targo.argo.pod.PodBuilder.waiting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.pod.PodState.Phase;
import dev.targo.argo.status.NodePhase;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodClassifierTest {

  private static final String START_ERROR =
      "failed to create containerd task: failed to create shim task: OCI runtime create failed:"
          + " runc create failed: unable to start container process: exec: \"nope\": executable"
          + " file not found in $PATH: unknown";

  /** ARGO-SEMANTICS §2, every row, plus the edges of Argo's inferFailedReason. */
  static Stream<Arguments> situations() {
    return Stream.of(
        row(
            "main exited 0",
            pod(Phase.Succeeded).main(exited(0, "Completed")),
            NodePhase.Succeeded,
            null,
            0),
        row(
            "main exited non-zero",
            pod(Phase.Failed).main(exited(1, "Error")),
            NodePhase.Failed,
            "main: Error (exit code 1)",
            1),
        row(
            "main OOMKilled",
            pod(Phase.Failed).main(exited(137, "OOMKilled")),
            NodePhase.Failed,
            "main: OOMKilled (exit code 137)",
            137),
        row(
            "main's termination message is appended",
            pod(Phase.Failed).main(exited(2, "Error", "boom")),
            NodePhase.Failed,
            "main: Error (exit code 2): boom",
            2),
        row(
            "main's command could not be started",
            pod(Phase.Failed).main(exited(128, "StartError", START_ERROR)),
            NodePhase.Failed,
            "main: StartError (exit code 128): " + START_ERROR,
            128),
        row(
            "pod evicted",
            pod(Phase.Failed)
                .status("Evicted", "The node was low on resource: memory. ")
                .main(exited(137, "Error")),
            NodePhase.Failed,
            "The node was low on resource: memory. ",
            137),
        row(
            "activeDeadlineSeconds passed",
            pod(Phase.Failed)
                .status(
                    "DeadlineExceeded",
                    "Pod was active on the node longer than the specified deadline")
                .main(exited(143, "Error")),
            NodePhase.Failed,
            "Pod was active on the node longer than the specified deadline",
            143),
        row(
            "node shut down",
            pod(Phase.Failed)
                .status("Terminated", "Pod was terminated in response to imminent node shutdown.")
                .main(running()),
            NodePhase.Failed,
            "Pod was terminated in response to imminent node shutdown.",
            null),
        row(
            "pod failed while main was still waiting for its image",
            pod(Phase.Failed).main(waiting("ImagePullBackOff", "Back-off pulling image \"nope\"")),
            NodePhase.Error,
            "Pod failed before main container starts due to ImagePullBackOff: Back-off pulling"
                + " image \"nope\"",
            null),
        row(
            "pod failed while main's config could not be made",
            pod(Phase.Failed).main(waiting("CreateContainerConfigError", "secret \"s\" not found")),
            NodePhase.Error,
            "Pod failed before main container starts due to CreateContainerConfigError: secret"
                + " \"s\" not found",
            null),
        row(
            "waiting without a message keeps Argo's trailing separator",
            pod(Phase.Failed).main(waiting("ErrImagePull", null)),
            NodePhase.Error,
            "Pod failed before main container starts due to ErrImagePull: ",
            null),
        row(
            "init container exited non-zero",
            pod(Phase.Failed).init("init", exited(1, "Error")).main(waiting("PodInitializing", "")),
            NodePhase.Error,
            "init: Error (exit code 1)",
            null),
        row(
            "init container failure wins over main's",
            pod(Phase.Failed).init("init", exited(2, "Error")).main(exited(1, "Error")),
            NodePhase.Error,
            "init: Error (exit code 2)",
            1),
        row(
            "pod deleted after it started",
            pod(Phase.Running).main(running()).deleted(),
            NodePhase.Error,
            "pod deleted",
            null),
        row(
            "pod deleted while Pending is created again",
            pod(Phase.Pending).main(waiting("ContainerCreating", null)).deleted(),
            NodePhase.Pending,
            "pod deleted before it started",
            null),
        row(
            "pod deleted after its end was seen keeps its end",
            pod(Phase.Succeeded).main(exited(0, "Completed")).deleted(),
            NodePhase.Succeeded,
            null,
            0),
        row(
            "pod unschedulable",
            pod(Phase.Pending)
                .unschedulable(
                    "0/3 nodes are available: 3 node(s) didn't match Pod's node"
                        + " affinity/selector."),
            NodePhase.Pending,
            "Unschedulable: 0/3 nodes are available: 3 node(s) didn't match Pod's node"
                + " affinity/selector.",
            null),
        row(
            "pod pulling an image that does not exist",
            pod(Phase.Pending).main(waiting("ImagePullBackOff", "Back-off pulling image \"x\"")),
            NodePhase.Pending,
            "ImagePullBackOff: Back-off pulling image \"x\"",
            null),
        row(
            "pod creating its container",
            pod(Phase.Pending).main(waiting("ContainerCreating", "")),
            NodePhase.Pending,
            "ContainerCreating",
            null),
        row(
            "a waiting container's reason wins over the scheduler's",
            pod(Phase.Pending)
                .main(waiting("ContainerCreating", null))
                .unschedulable("0/3 nodes are available"),
            NodePhase.Pending,
            "ContainerCreating",
            null),
        row(
            "waiting init containers are not a Pending reason",
            pod(Phase.Pending).init("init", waiting("ImagePullBackOff", "x")),
            NodePhase.Pending,
            null,
            null),
        row("pod Pending without a reason", pod(Phase.Pending), NodePhase.Pending, null, null),
        row("pod running", pod(Phase.Running).main(running()), NodePhase.Running, null, null),
        row(
            "pod phase Unknown",
            pod(Phase.Unknown).main(running()),
            NodePhase.Error,
            "Unexpected pod phase for p: Unknown",
            null),
        row(
            "pod Failed without any container status",
            pod(Phase.Failed),
            NodePhase.Failed,
            "can't find failed message for pod p namespace ns",
            null),
        row(
            "pod Failed while main was still running",
            pod(Phase.Failed).main(running()),
            NodePhase.Failed,
            "pod failed: main container did not complete successfully",
            null),
        row(
            "sidecar stopped by SIGKILL after main succeeded",
            pod(Phase.Failed).main(exited(0, "Completed")).container("proxy", exited(137, "Error")),
            NodePhase.Succeeded,
            null,
            0),
        row(
            "sidecar failed on its own",
            pod(Phase.Failed).main(exited(0, "Completed")).container("proxy", exited(2, "Error")),
            NodePhase.Failed,
            "proxy: Error (exit code 2)",
            0),
        row(
            "Argo's wait sidecar failed",
            pod(Phase.Failed).main(exited(0, "Completed")).container("wait", exited(1, "Error")),
            NodePhase.Error,
            "wait: Error (exit code 1)",
            0),
        row(
            "Argo's wait sidecar never finished",
            pod(Phase.Failed).container("wait", running()).main(exited(0, "Completed")),
            NodePhase.Failed,
            "pod failed: wait container did not complete successfully",
            0),
        row(
            "neither main nor Argo's wait sidecar finished",
            pod(Phase.Failed).main(running()).container("wait", running()),
            NodePhase.Failed,
            "pod failed: neither main nor wait container completed successfully",
            null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("situations")
  void classifiesEachSituationAsArgoDoes(
      String situation, PodState pod, NodePhase phase, String message, Integer exitCode) {
    assertThat(PodClassifier.classify(pod)).isEqualTo(new Classification(phase, message, exitCode));
  }

  private static Arguments row(
      String situation, PodBuilder pod, NodePhase phase, String message, Integer exitCode) {
    return Arguments.of(situation, pod.build(), phase, message, exitCode);
  }
}
