package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.worker.executor.kubernetes.SimulatedKubelet.Behaviour;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Connections dropped without an HTTP answer: on create (before or after the API server did the
 * request) the call retries and ends with the pod's outcome, one pod, same attempt; on the shared
 * informer's watch, the informer reconnects and the attempt still sees its pod's end.
 */
@ExtendWith(MockClusterExtension.class)
class DroppedConnectionTest {
  KubernetesMockServer server;
  KubernetesClient client;
  SimulatedKubelet kubelet;

  private final PodRequest request =
      Requests.attempt("wf", Requests.container("flaky", List.of("exit 3")), 1);

  @BeforeEach
  void setUp() {
    kubelet.behaviours(p -> new Behaviour.Exit(3, "some output\n"));
  }

  @Test
  void createDroppedBeforeTheServerSawItIsRetriedAsTheSameAttempt() throws Exception {
    try (DroppedConnections drops =
            new DroppedConnections(DroppedConnections.creates(), () -> {}, 0);
        KubernetesExecutor executor = executor(drops, MockCluster.settings())) {
      drops.dropNext(2);

      AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

      assertThat(drops.dropped()).isEqualTo(2);
      assertFailedOnce(outcome);
    }
  }

  @Test
  void createWhoseAnswerWasLostIsFollowedByAdoptionNotASecondPod() throws Exception {
    // The API server created the pod, then the connection broke before its answer arrived: the
    // retried POST gets a 409 and the executor adopts the pod it made.
    var pod = PodSpecs.build(request, Requests.NAMESPACE, MockCluster.settings());
    Runnable serverCreates =
        () -> client.pods().inNamespace(Requests.NAMESPACE).resource(pod).create();
    try (DroppedConnections drops =
            new DroppedConnections(DroppedConnections.creates(), serverCreates, 0);
        KubernetesExecutor executor = executor(drops, MockCluster.settings())) {
      drops.dropNext(1);

      AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

      assertThat(drops.dropped()).isEqualTo(1);
      assertFailedOnce(outcome);
    }
  }

  @Test
  void droppedWatchStillLetsTheAttemptSeeItsPodsEnd() throws Exception {
    // The informer's watch breaks without an HTTP answer; while it is not watching, the attempt's
    // presence check reads the pod directly.
    try (DroppedConnections drops =
            new DroppedConnections(DroppedConnections.podWatches(), () -> {}, 300);
        KubernetesExecutor executor = executor(drops, MockCluster.settings())) {
      drops.dropNext(1);

      AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

      assertThat(drops.dropped()).isEqualTo(1);
      assertFailedOnce(outcome);
    }
  }

  private KubernetesExecutor executor(DroppedConnections drops, KubernetesSettings settings) {
    return new KubernetesExecutor(drops.client(client), settings, Clock.systemUTC(), true);
  }

  private void assertFailedOnce(AttemptOutcome outcome) {
    assertThat(kubelet.createdUids(request.podName())).hasSize(1);
    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.message()).isEqualTo("main: Error (exit code 3)");
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.result()).isEqualTo("some output");
    assertThat(outcome.podName()).isEqualTo(request.podName());
    assertThat(client.pods().inNamespace(Requests.NAMESPACE).list().getItems())
        .extracting(p -> p.getMetadata().getName())
        .containsExactly(request.podName());
  }
}
