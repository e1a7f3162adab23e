package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.PodDeletion;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.worker.executor.kubernetes.SimulatedKubelet.Behaviour;
import dev.targo.worker.support.Poll;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The workflow deletes the pod of an attempt it gave up on while the attempt's call still waits for
 * it (the call learns of its cancellation only from a later heartbeat): the pod is marked and
 * deleted, and the call ends at once — also for a pod still Pending, which a call otherwise creates
 * again when it vanishes before starting.
 */
@ExtendWith(MockClusterExtension.class)
class AbandonedPodTest {
  KubernetesMockServer server;
  KubernetesClient client;
  SimulatedKubelet kubelet;
  KubernetesExecutor executor;

  private final PodRequest request =
      Requests.attempt("wf", Requests.container("t", List.of("sleep 60")), 3);

  @Test
  void abandonedPendingPodIsDeletedAndNotCreatedAgain() throws Exception {
    kubelet.behaviours(p -> new Behaviour.ImagePullBackOff());
    RecordingHeartbeat beats = new RecordingHeartbeat();
    CompletableFuture<AttemptOutcome> call = Background.run(() -> executor.run(request, beats));
    Poll.until(() -> beats.beats().stream().anyMatch(b -> b.message() != null));

    executor.delete(PodDeletion.abandoned(Requests.NAMESPACE, request.podName()));

    AttemptOutcome outcome = call.get(5, TimeUnit.SECONDS);
    assertThat(outcome.phase()).isEqualTo(NodePhase.Error);
    assertThat(outcome.message()).isEqualTo(AttemptRun.ABANDONED);
    assertThat(kubelet.createdUids(request.podName())).hasSize(1);
    assertThat(client.pods().inNamespace(Requests.NAMESPACE).list().getItems()).isEmpty();
  }

  @Test
  void abandonedRunningPodEndsItsCall() throws Exception {
    kubelet.behaviours(p -> new Behaviour.Hold());
    RecordingHeartbeat beats = new RecordingHeartbeat();
    CompletableFuture<AttemptOutcome> call = Background.run(() -> executor.run(request, beats));
    Poll.until(() -> beats.beats().stream().anyMatch(b -> b.phase() == NodePhase.Running));

    executor.delete(PodDeletion.abandoned(Requests.NAMESPACE, request.podName()));

    AttemptOutcome outcome = call.get(5, TimeUnit.SECONDS);
    assertThat(outcome.message()).isEqualTo(AttemptRun.ABANDONED);
    assertThat(client.pods().inNamespace(Requests.NAMESPACE).list().getItems()).isEmpty();
  }

  @Test
  void abandoningAPodThatIsGoneIsNoError() throws Exception {
    executor.delete(PodDeletion.abandoned(Requests.NAMESPACE, "wf-gone-3"));

    assertThat(client.pods().inNamespace(Requests.NAMESPACE).list().getItems()).isEmpty();
  }
}
