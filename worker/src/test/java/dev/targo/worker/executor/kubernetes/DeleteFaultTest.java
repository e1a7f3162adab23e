package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.api.temporal.PodDeletion;
import dev.targo.argo.pod.PodRequest;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * API faults on delete (the workflow's DeletePods activity): transient ones are retried inside the
 * call and the pods still go; one that outlives the retry budget fails the call, for Temporal to
 * retry the activity, and leaves every pod as it was.
 */
@ExtendWith(MockClusterExtension.class)
class DeleteFaultTest {
  private static final String PODS = "/api/v1/namespaces/" + Requests.NAMESPACE + "/pods";

  /** The by-workflow delete: workflow and managed-by labels, as an equality selector. */
  private static final String WORKFLOW_PODS =
      PODS
          + "?labelSelector=workflows.argoproj.io%2Fworkflow%3Dwf%2C"
          + "app.kubernetes.io%2Fmanaged-by%3Dtargo";

  KubernetesMockServer server;
  KubernetesClient client;
  SimulatedKubelet kubelet;
  KubernetesExecutor executor;

  private final PodRequest first =
      Requests.attempt("wf", Requests.container("a", List.of("true")), 0);
  private final PodRequest second =
      Requests.attempt("wf", Requests.container("b", List.of("true")), 1);
  private final PodRequest other =
      Requests.attempt("wf2", Requests.container("a", List.of("true")), 0);

  @BeforeEach
  void setUp() throws Exception {
    executor.run(first, new RecordingHeartbeat());
    executor.run(second, new RecordingHeartbeat());
    executor.run(other, new RecordingHeartbeat());
  }

  @Test
  void serverErrorsOnDeleteAreRetriedAndThePodGoes() throws Exception {
    server
        .expect()
        .delete()
        .withPath(PODS + "/" + first.podName())
        .andReturn(500, status(500, "etcd is down"))
        .times(2);

    executor.delete(PodDeletion.pod(Requests.NAMESPACE, first.podName()));

    assertThat(names()).containsExactlyInAnyOrder(second.podName(), other.podName());
  }

  @Test
  void throttlingOnDeleteIsRetriedAndThePodGoes() throws Exception {
    server
        .expect()
        .delete()
        .withPath(PODS + "/" + first.podName())
        .andReturn(429, status(429, "too many requests"))
        .once();

    executor.delete(PodDeletion.pod(Requests.NAMESPACE, first.podName()));

    assertThat(names()).containsExactlyInAnyOrder(second.podName(), other.podName());
  }

  @Test
  void serverErrorOnDeleteByWorkflowIsRetriedAndEveryPodOfTheWorkflowGoes() throws Exception {
    server.expect().delete().withPath(WORKFLOW_PODS).andReturn(500, status(500, "etcd")).once();

    executor.delete(PodDeletion.workflow(Requests.NAMESPACE, "wf"));

    assertThat(names()).containsExactly(other.podName());
  }

  @Test
  void persistentUnavailabilityFailsTheCallAndLeavesEveryPod() {
    server
        .expect()
        .delete()
        .withPath(PODS + "/" + first.podName())
        .andReturn(503, status(503, "unavailable"))
        .always();

    assertThatThrownBy(() -> executor.delete(PodDeletion.pod(Requests.NAMESPACE, first.podName())))
        .isInstanceOf(ApiRetry.TransientApiException.class)
        .hasMessage("delete pod " + first.podName() + ": unavailable (gave up after 5 tries)");
    assertThat(names())
        .containsExactlyInAnyOrder(first.podName(), second.podName(), other.podName());
  }

  @Test
  void persistentUnavailabilityOfDeleteByWorkflowFailsTheCallAndLeavesEveryPod() {
    server
        .expect()
        .delete()
        .withPath(WORKFLOW_PODS)
        .andReturn(503, status(503, "unavailable"))
        .always();

    assertThatThrownBy(() -> executor.delete(PodDeletion.workflow(Requests.NAMESPACE, "wf")))
        .isInstanceOf(ApiRetry.TransientApiException.class)
        .hasMessage("delete pods of workflow wf: unavailable (gave up after 5 tries)");
    assertThat(names())
        .containsExactlyInAnyOrder(first.podName(), second.podName(), other.podName());
  }

  private List<String> names() {
    return pods().list().getItems().stream().map(p -> p.getMetadata().getName()).toList();
  }

  private NonNamespaceOperation<Pod, PodList, PodResource> pods() {
    return client.pods().inNamespace(Requests.NAMESPACE);
  }

  private static Status status(int code, String message) {
    return new StatusBuilder().withStatus("Failure").withCode(code).withMessage(message).build();
  }
}
