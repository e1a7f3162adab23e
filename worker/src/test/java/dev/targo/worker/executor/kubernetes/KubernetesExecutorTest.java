package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.status.NodePhase;
import dev.targo.api.temporal.AttemptOutcome;
import dev.targo.api.temporal.PodRequest;
import dev.targo.worker.executor.kubernetes.SimulatedKubelet.Behaviour;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class KubernetesExecutorTest {
  KubernetesMockServer server;
  KubernetesClient client;
  SimulatedKubelet kubelet;
  KubernetesExecutor executor;

  @BeforeEach
  void setUp() {
    kubelet = MockCluster.kubelet(server, client);
    executor = MockCluster.executor(client);
  }

  @AfterEach
  void tearDown() {
    executor.close();
    kubelet.close();
  }

  @Test
  void succeededPodIsASucceededOutcomeWithTheLogAsResult() throws Exception {
    kubelet.behaviours(p -> new Behaviour.Exit(0, "hello\n"));
    PodRequest request =
        Requests.attempt("wf", Requests.container("say", List.of("echo hello")), 0);

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(outcome.message()).isNull();
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.result()).isEqualTo("hello");
    assertThat(outcome.podName()).isEqualTo(request.podName());
  }

  @Test
  void nonZeroExitIsFailedWithArgosMessageAndTheHostsLabel() throws Exception {
    kubelet.behaviours(p -> new Behaviour.Exit(3, ""));
    PodRequest request = Requests.attempt("wf", Requests.container("fail", List.of("exit 3")), 0);

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.message()).isEqualTo("main: Error (exit code 3)");
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.hostNodeName()).isEqualTo("host-a");
  }
}
