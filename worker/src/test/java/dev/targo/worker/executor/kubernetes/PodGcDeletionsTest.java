package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.PodDeletion;
import dev.targo.argo.plan.PodMetadata;
import dev.targo.argo.plan.Template;
import dev.targo.argo.pod.PodRequest;
import dev.targo.worker.support.Poll;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code podGC.labelSelector} and {@code podGC.deleteDelayDuration} against the mock API server:
 * only the pods the selector selects go, and a delayed deletion returns at once, marks the pods and
 * deletes them when the delay has passed.
 */
@ExtendWith(MockClusterExtension.class)
class PodGcDeletionsTest {
  KubernetesClient client;
  KubernetesExecutor executor;

  @Test
  void theWorkflowsPodsTheSelectorSelectsGoAndTheOthersStay() throws Exception {
    PodRequest kept = run("kept", Map.of());
    PodRequest deleted = run("deleted", Map.of("should-be-deleted", "true"));

    executor.delete(
        PodDeletion.workflow(Requests.NAMESPACE, "wf")
            .selecting("{\"matchLabels\":{\"should-be-deleted\":\"true\"}}"));

    assertThat(podNames()).containsExactly(kept.podName());
    assertThat(deleted.podName()).isNotEqualTo(kept.podName());
  }

  @Test
  void aDelayedDeletionReturnsAtOnceMarksThePodAndDeletesItAfterTheDelay() throws Exception {
    PodRequest request = run("later", Map.of());

    executor.delete(PodDeletion.pod(Requests.NAMESPACE, request.podName()).delayed(1_500L));

    Pod marked = client.pods().inNamespace(Requests.NAMESPACE).withName(request.podName()).get();
    assertThat(marked).isNotNull();
    assertThat(
            Instant.parse(
                marked.getMetadata().getAnnotations().get(PodGcDeletions.ANNOTATION_DELETE_AFTER)))
        .isAfter(Instant.now());
    Poll.until(() -> podNames().isEmpty());
  }

  @Test
  void theSweeperDeletesAMarkedPodWhoseTimeHasPassed() throws Exception {
    PodRequest request = run("due", Map.of());
    client
        .pods()
        .inNamespace(Requests.NAMESPACE)
        .withName(request.podName())
        .edit(
            p -> {
              p.getMetadata()
                  .getAnnotations()
                  .put(PodGcDeletions.ANNOTATION_DELETE_AFTER, "2020-01-01T00:00:00Z");
              return p;
            });

    int deleted = executor.podGcDeletions().deleteDue(Requests.NAMESPACE);

    assertThat(deleted).isEqualTo(1);
    assertThat(podNames()).isEmpty();
  }

  private PodRequest run(String name, Map<String, String> labels) throws Exception {
    Template t = Requests.container(name, List.of("true"));
    Template labelled = t.withMetadata(new PodMetadata(labels, Map.of()));
    PodRequest request = Requests.attempt("wf", labelled, 0);
    executor.run(request, new RecordingHeartbeat());
    return request;
  }

  private List<String> podNames() {
    return client.pods().inNamespace(Requests.NAMESPACE).list().getItems().stream()
        .map(p -> p.getMetadata().getName())
        .toList();
  }
}
