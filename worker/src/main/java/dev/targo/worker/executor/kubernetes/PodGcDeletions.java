package dev.targo.worker.executor.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.api.Names;
import dev.targo.api.temporal.PodDeletion;
import dev.targo.argo.Json;
import dev.targo.argo.pod.LabelSelectors;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deletions of {@code podGC} with a {@code labelSelector} or a {@code deleteDelayDuration}.
 * Only the workflow's pods the selector selects go. A delayed deletion marks each pod with the time
 * it may go ({@link #ANNOTATION_DELETE_AFTER}) and returns at once, so that no node waits for it;
 * the pods are deleted at that time by this worker, or, should it stop before, by the sweeper of
 * any worker ({@link #deleteDue}).
 */
final class PodGcDeletions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PodGcDeletions.class);

  /** When a pod that {@code deleteDelayDuration} keeps may be deleted (an RFC 3339 instant). */
  static final String ANNOTATION_DELETE_AFTER = "targo.dev/delete-after";

  /** Deletes pods by name, now (the executor's own deletion). */
  @FunctionalInterface
  interface Deleter {
    void delete(PodDeletion deletion) throws InterruptedException;
  }

  private final KubernetesClient client;
  private final ApiRetry retry;
  private final Clock clock;
  private final Deleter deleter;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "targo-pod-gc-delay");
            t.setDaemon(true);
            return t;
          });

  PodGcDeletions(KubernetesClient client, ApiRetry retry, Clock clock, Deleter deleter) {
    this.client = client;
    this.retry = retry;
    this.clock = clock;
    this.deleter = deleter;
  }

  /** Carries out {@code deletion}, which has a selector or a delay. */
  void delete(String namespace, PodDeletion deletion) throws InterruptedException {
    List<String> names = new ArrayList<>(deletion.podNames());
    if (deletion.workflowName() != null) {
      names.addAll(selected(namespace, deletion.workflowName(), deletion.labelSelector()));
    }
    if (names.isEmpty()) {
      return;
    }
    if (deletion.delayMillis() == null) {
      deleter.delete(new PodDeletion(namespace, names, null));
      return;
    }
    Instant due = clock.instant().plusMillis(deletion.delayMillis());
    List<String> marked = new ArrayList<>();
    for (String name : names) {
      if (mark(namespace, name, due)) {
        marked.add(name);
      }
    }
    timer.schedule(
        () -> deleteLogged(new PodDeletion(namespace, marked, null)),
        deletion.delayMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Deletes the managed pods of {@code namespace} whose delay has passed; returns how many. */
  int deleteDue(String namespace) throws InterruptedException {
    Instant now = clock.instant();
    List<String> due = new ArrayList<>();
    for (Pod pod :
        retry
            .run(
                "list pods in namespace " + namespace,
                () ->
                    client
                        .pods()
                        .inNamespace(namespace)
                        .withLabel(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE)
                        .list(),
                () -> {})
            .getItems()) {
      Map<String, String> annotations = pod.getMetadata().getAnnotations();
      String after = annotations == null ? null : annotations.get(ANNOTATION_DELETE_AFTER);
      if (after != null && !Instant.parse(after).isAfter(now)) {
        due.add(pod.getMetadata().getName());
      }
    }
    if (!due.isEmpty()) {
      deleter.delete(new PodDeletion(namespace, due, null));
    }
    return due.size();
  }

  /** The workflow's pods that {@code selector} (JSON text, or null) selects, names sorted. */
  private List<String> selected(String namespace, String workflow, String selector)
      throws InterruptedException {
    JsonNode parsed = parse(selector);
    List<String> names = new ArrayList<>();
    for (Pod pod :
        retry
            .run(
                "list pods of workflow " + workflow,
                () ->
                    client
                        .pods()
                        .inNamespace(namespace)
                        .withLabel(Names.LABEL_WORKFLOW, workflow)
                        .withLabel(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE)
                        .list(),
                () -> {})
            .getItems()) {
      Map<String, String> labels = pod.getMetadata().getLabels();
      if (LabelSelectors.matches(parsed, labels == null ? Map.of() : labels)) {
        names.add(pod.getMetadata().getName());
      }
    }
    return names.stream().sorted().toList();
  }

  private static JsonNode parse(String selector) {
    if (selector == null) {
      return null;
    }
    try {
      return Json.mapper().readTree(selector);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("podGC.labelSelector is not JSON: " + selector, e);
    }
  }

  /** Marks the pod with its due time; false when it is gone already. */
  private boolean mark(String namespace, String name, Instant due) throws InterruptedException {
    return annotate(client, retry, namespace, name, ANNOTATION_DELETE_AFTER, due.toString());
  }

  /** Sets one annotation of a pod (a JSON merge patch); false when the pod is gone. */
  static boolean annotate(
      KubernetesClient client,
      ApiRetry retry,
      String namespace,
      String name,
      String key,
      String value)
      throws InterruptedException {
    String patch = "{\"metadata\":{\"annotations\":{\"" + key + "\":\"" + value + "\"}}}";
    Pod patched =
        retry.run(
            "annotate pod " + name + " with " + key,
            () -> {
              try {
                return client
                    .pods()
                    .inNamespace(namespace)
                    .withName(name)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
              } catch (KubernetesClientException e) {
                if (ApiErrors.kind(e) == ApiErrors.Kind.NOT_FOUND) {
                  return null;
                }
                throw e;
              }
            },
            () -> {});
    return patched != null;
  }

  private void deleteLogged(PodDeletion deletion) {
    try {
      deleter.delete(deletion);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The sweeper deletes them later, as it does after a restart.
      LOG.warn("Could not delete pods {} after their podGC delay", deletion.podNames(), e);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
