package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * API faults on create: transient ones are retried inside the call and change nothing about the
 * attempt; permanent ones end it as Error with the API's message; a transient fault that outlives
 * the retry budget fails the call (Temporal retries it as the same attempt).
 */
@ExtendWith(MockClusterExtension.class)
class ApiFaultTest {
  private static final String PODS = "/api/v1/namespaces/" + Requests.NAMESPACE + "/pods";

  KubernetesMockServer server;
  KubernetesClient client;
  SimulatedKubelet kubelet;
  KubernetesExecutor executor;

  private final PodRequest request =
      Requests.attempt("wf", Requests.container("ok", List.of("true")), 0);

  @Test
  void serverErrorsOnCreateAreRetriedAsTheSameAttempt() throws Exception {
    server.expect().post().withPath(PODS).andReturn(500, status(500, "etcd is down")).times(2);

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(kubelet.createdUids(request.podName())).hasSize(1);
  }

  @Test
  void throttlingOnCreateIsRetriedAsTheSameAttempt() throws Exception {
    server.expect().post().withPath(PODS).andReturn(429, status(429, "too many requests")).times(3);

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(kubelet.createdUids(request.podName())).hasSize(1);
  }

  @Test
  void quotaExceededIsTransientAlthoughItIsA403() throws Exception {
    server
        .expect()
        .post()
        .withPath(PODS)
        .andReturn(
            403,
            status(
                403,
                "pods \"x\" is forbidden: exceeded quota: compute, requested: pods=1, used:"
                    + " pods=10, limited: pods=10"))
        .once();

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Succeeded);
  }

  @Test
  void invalidPodIsAnErrorAttemptWithTheApisMessage() throws Exception {
    String message =
        "Pod \"" + request.podName() + "\" is invalid: spec.containers[0].image: Required value";
    server.expect().post().withPath(PODS).andReturn(422, status(422, message)).once();

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Error);
    assertThat(outcome.message()).isEqualTo(message);
    assertThat(outcome.exitCode()).isNull();
    assertThat(kubelet.createdUids(request.podName())).isEmpty();
  }

  @Test
  void forbiddenIsAnErrorAttemptWithTheApisMessage() throws Exception {
    String message =
        "pods is forbidden: User \"system:serviceaccount:test:targo\" cannot create resource"
            + " \"pods\"";
    server.expect().post().withPath(PODS).andReturn(403, status(403, message)).once();

    AttemptOutcome outcome = executor.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Error);
    assertThat(outcome.message()).isEqualTo(message);
  }

  @Test
  void serverErrorsBeyondTheBudgetFailTheCallWithoutAnOutcome() {
    server.expect().post().withPath(PODS).andReturn(503, status(503, "unavailable")).always();

    assertThatThrownBy(() -> executor.run(request, new RecordingHeartbeat()))
        .isInstanceOf(ApiRetry.TransientApiException.class)
        .hasMessage("create pod " + request.podName() + ": unavailable (gave up after 5 tries)");
    assertThat(kubelet.createdUids(request.podName())).isEmpty();
  }

  private static Status status(int code, String message) {
    return new StatusBuilder()
        .withStatus("Failure")
        .withCode(code)
        .withMessage(message)
        .withReason(code == 422 ? "Invalid" : null)
        .build();
  }
}
