package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.worker.executor.kubernetes.SimulatedKubelet.Behaviour;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code outputs.parameters} with {@code valueFrom.path}, read through the termination message. */
@ExtendWith(MockClusterExtension.class)
class OutputParametersTest {
  KubernetesMockServer server;
  KubernetesClient client;
  SimulatedKubelet kubelet;
  KubernetesExecutor executor;

  @Test
  void theParameterFileBecomesTheContainersTerminationMessagePath() throws Exception {
    Template t = withOutputs(new OutputParameter("msg", "/tmp/msg.txt", null, null, null, null));

    Container main =
        PodSpecs.build(Requests.attempt("wf", t, 0), Requests.NAMESPACE, MockCluster.settings())
            .getSpec()
            .getContainers()
            .getFirst();

    assertThat(main.getTerminationMessagePath()).isEqualTo("/tmp/msg.txt");
    assertThat(main.getTerminationMessagePolicy()).isEqualTo("File");
  }

  @Test
  void aSucceededPodReturnsTheFileAsTheParameterValue() throws Exception {
    kubelet.behaviours(p -> new Behaviour.Exit(0, "", "hello world"));
    PodRequest request =
        Requests.attempt(
            "wf",
            withOutputs(new OutputParameter("msg", "/tmp/msg.txt", null, null, null, null)),
            0);

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(outcome.message()).isNull();
    assertThat(outcome.outputParameters()).isEqualTo(Map.of("msg", "hello world"));
  }

  /** Argo's {@code SaveParameters} ({@code workflow/executor/executor.go}) trims one newline. */
  @Test
  void oneTrailingNewlineOfTheFileIsTrimmed() throws Exception {
    kubelet.behaviours(p -> new Behaviour.Exit(0, "", "4\n\n"));
    PodRequest request =
        Requests.attempt(
            "wf", withOutputs(new OutputParameter("num", "/tmp/num", null, null, null, null)), 0);

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.outputParameters()).isEqualTo(Map.of("num", "4\n"));
  }

  @Test
  void aMissingFileTakesTheDefault() throws Exception {
    kubelet.behaviours(p -> new Behaviour.Exit(0, ""));
    PodRequest request =
        Requests.attempt(
            "wf",
            withOutputs(new OutputParameter("msg", "/tmp/msg.txt", null, null, "none", null)),
            0);

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.outputParameters()).isEqualTo(Map.of("msg", "none"));
  }

  @Test
  void aMissingFileWithoutDefaultEndsASucceededPodInError() throws Exception {
    kubelet.behaviours(p -> new Behaviour.Exit(0, ""));
    PodRequest request =
        Requests.attempt(
            "wf",
            withOutputs(new OutputParameter("msg", "/tmp/msg.txt", null, null, null, null)),
            0);

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Error);
    assertThat(outcome.message())
        .isEqualTo(
            "failed to get output parameter msg: open /tmp/msg.txt: no such file or directory");
  }

  @Test
  void theFileIsNotMistakenForTheFailureMessageOfAFailedPod() throws Exception {
    kubelet.behaviours(p -> new Behaviour.Exit(3, "", "partial"));
    PodRequest request =
        Requests.attempt(
            "wf",
            withOutputs(new OutputParameter("msg", "/tmp/msg.txt", null, null, null, null)),
            0);

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.message()).isEqualTo("main: Error (exit code 3)");
    assertThat(outcome.outputParameters()).isEqualTo(Map.of("msg", "partial"));
  }

  @Test
  void twoParameterFilesAreAnErrorAttemptNotASilentLoss() throws Exception {
    PodRequest request =
        Requests.attempt(
            "wf",
            withOutputs(
                new OutputParameter("a", "/tmp/a", null, null, null, null),
                new OutputParameter("b", "/tmp/b", null, null, null, null)),
            0);

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Error);
    assertThat(outcome.message())
        .startsWith("the kubernetes executor reads one output parameter file per pod");
    assertThat(client.pods().inNamespace(Requests.NAMESPACE).list().getItems()).isEmpty();
  }

  private static Template withOutputs(OutputParameter... outputs) {
    Template t = Requests.container("out", List.of("echo hi > /tmp/msg.txt"));
    return new Template(
        t.name(),
        t.body(),
        t.inputs(),
        t.retryStrategy(),
        t.activeDeadlineSeconds(),
        t.timeout(),
        t.nodeSelector(),
        t.affinity(),
        t.tolerations(),
        t.metadata(),
        t.podSpecPatch(),
        t.serviceAccountName(),
        List.of(outputs));
  }
}
