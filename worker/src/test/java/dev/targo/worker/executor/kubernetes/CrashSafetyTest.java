package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.worker.executor.kubernetes.SimulatedKubelet.Behaviour;
import dev.targo.worker.support.Poll;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker dies mid-attempt (its heartbeat freezes for ever at a kill point, its client is closed)
 * and a second worker runs the same request, as Temporal's retry after a heartbeat timeout does:
 * exactly one pod is ever created for the attempt, and the outcome is the pod's.
 */
@ExtendWith(MockClusterExtension.class)
class CrashSafetyTest {
  KubernetesMockServer server;
  KubernetesClient client;
  SimulatedKubelet kubelet;

  private final PodRequest request =
      Requests.attempt("wf", Requests.container("flaky", List.of("exit 2")), 1);

  @BeforeEach
  void setUp() {
    kubelet.behaviours(p -> new Behaviour.Exit(2, "partial output\n"));
  }

  @Test
  void workerDyingBeforeCreateLeavesTheRetryToCreateTheOnlyPod() throws Exception {
    AttemptOutcome outcome = crashThenRetry(nthBeat(1));

    assertFailedOnce(outcome);
  }

  @Test
  void workerDyingRightAfterCreateIsFollowedByAdoptionNotASecondPod() throws Exception {
    AttemptOutcome outcome = crashThenRetry(nthBeat(2));

    assertFailedOnce(outcome);
  }

  @Test
  void workerDyingWhileThePodRunsIsFollowedByAdoption() throws Exception {
    kubelet.behaviours(p -> new Behaviour.Hold());
    KubernetesExecutor dead = MockCluster.executor(client);
    RecordingHeartbeat frozen = new RecordingHeartbeat(p -> p.phase() == NodePhase.Running);
    Background.run(() -> dead.run(request, frozen));
    frozen.awaitFrozen();
    dead.close();

    try (KubernetesExecutor retried = MockCluster.executor(client)) {
      RecordingHeartbeat heartbeat = new RecordingHeartbeat();
      var outcome = Background.run(() -> retried.run(request, heartbeat));
      Poll.until(() -> heartbeat.beats().stream().anyMatch(b -> b.phase() == NodePhase.Running));
      kubelet.finish(request.podName(), 2, "partial output\n");

      assertFailedOnce(outcome.get());
    }
  }

  @Test
  void workerDyingAfterThePodFinishedLetsTheRetryReadTheSameResult() throws Exception {
    AttemptOutcome outcome = crashThenRetry(p -> p.phase() == NodePhase.Failed);

    assertFailedOnce(outcome);
  }

  @Test
  void workerDyingAfterReturningTheOutcomeLetsTheRetryAdoptTheFinishedPodAndReturnTheSame()
      throws Exception {
    // The first call returned, but its worker died before Temporal recorded the result: the pod
    // is still there (only the workflow deletes it, later), so the retried call adopts it.
    AttemptOutcome first;
    try (KubernetesExecutor dead = MockCluster.executor(client)) {
      first = dead.run(request, new RecordingHeartbeat());
    }

    AttemptOutcome retried;
    try (KubernetesExecutor again = MockCluster.executor(client)) {
      retried = again.run(request, new RecordingHeartbeat());
    }

    assertFailedOnce(retried);
    assertThat(retried).isEqualTo(first);
  }

  private AttemptOutcome crashThenRetry(Predicate<PodProgress> killPoint) throws Exception {
    KubernetesExecutor dead = MockCluster.executor(client);
    RecordingHeartbeat frozen = new RecordingHeartbeat(killPoint);
    Background.run(() -> dead.run(request, frozen));
    frozen.awaitFrozen();
    dead.close();
    try (KubernetesExecutor retried = MockCluster.executor(client)) {
      return retried.run(request, new RecordingHeartbeat());
    }
  }

  private void assertFailedOnce(AttemptOutcome outcome) {
    assertThat(kubelet.createdUids(request.podName())).hasSize(1);
    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.message()).isEqualTo("main: Error (exit code 2)");
    assertThat(outcome.exitCode()).isEqualTo(2);
    assertThat(outcome.result()).isEqualTo("partial output");
    // The finished pod stays until the workflow, having recorded the outcome, deletes it.
    assertThat(client.pods().inNamespace(Requests.NAMESPACE).withName(request.podName()).get())
        .isNotNull();
  }

  private static Predicate<PodProgress> nthBeat(int n) {
    AtomicInteger beats = new AtomicInteger();
    return p -> beats.incrementAndGet() == n;
  }
}
