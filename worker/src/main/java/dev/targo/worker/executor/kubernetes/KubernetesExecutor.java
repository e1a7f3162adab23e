package dev.targo.worker.executor.kubernetes;

import dev.targo.api.Names;
import dev.targo.api.temporal.PodDeletion;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.worker.executor.PodExecutor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Runs each attempt as a Kubernetes pod (docs/DESIGN.md §8): create or adopt by the attempt's
 * deterministic name, wait through one shared informer per namespace, classify the end with Argo's
 * rules, keep the log tail; finished pods are deleted when the workflow asks ({@link #delete}).
 * Thread-safe; one instance serves all attempts of a worker, each call blocking only its own
 * (activity) thread.
 */
public final class KubernetesExecutor implements PodExecutor {
  private final KubernetesClient client;
  private final KubernetesSettings settings;
  private final ApiRetry retry;
  private final HostResolver hosts;
  private final PodWatch watch;
  private final WorkflowObjects objects;
  private final PodGcDeletions podGc;
  private final ResourceRun resources;
  private final Clock clock;
  private final boolean ownsClient;
  private volatile PodArtifactSettings artifacts;

  /**
   * @param client a client whose own request retries are off (see {@link KubernetesClients})
   * @param ownsClient whether {@link #close} closes the client
   */
  public KubernetesExecutor(
      KubernetesClient client, KubernetesSettings settings, Clock clock, boolean ownsClient) {
    this.client = client;
    this.settings = settings;
    this.retry = new ApiRetry(settings.apiRetry());
    this.hosts = new HostResolver(client, settings.hostnameLabelKey(), retry);
    this.watch = new PodWatch(client, settings.watchGrace());
    this.objects = new WorkflowObjects(client, retry);
    this.podGc = new PodGcDeletions(client, retry, clock, this::delete);
    this.resources = new ResourceRun(client, retry, objects, clock, ResourceRun.POLL_INTERVAL);
    this.clock = clock;
    this.ownsClient = ownsClient;
  }

  @Override
  public AttemptOutcome run(PodRequest request, Heartbeat heartbeat) throws Exception {
    String namespace = namespace(request.namespace());
    if (request.template().body() instanceof TemplateBody.ResourceBody) {
      return resources.run(request, namespace, heartbeat);
    }
    Pod desired;
    OutputParameter output;
    try {
      output = OutputParameters.fileParameter(request.template());
      desired = PodSpecs.build(request, namespace, settings, hosts.domains(request), artifacts);
    } catch (PodSpecs.UnsupportedTemplateException e) {
      Instant now = clock.instant();
      return AttemptOutcome.error(e.getMessage(), request.podName(), now);
    }
    // Argo makes these at the workflow's start (createPVCs, createPDBResource); targo before the
    // first pod that needs them, which is before any pod of the workflow can use them.
    List<HasMetadata> owned = new ArrayList<>(WorkflowObjects.claims(request, namespace));
    PodDisruptionBudget budget = WorkflowObjects.disruptionBudget(request, namespace);
    if (budget != null) {
      owned.add(budget);
    }
    String ownedProblem = objects.ensure(namespace, request.workflowName(), owned);
    if (ownedProblem != null) {
      return AttemptOutcome.error(ownedProblem, request.podName(), clock.instant());
    }
    PodWatch.Shared shared;
    try {
      shared = watch.namespace(namespace);
    } catch (PodWatch.StartFailure e) {
      if (ApiErrors.kind(e.getCause()) == ApiErrors.Kind.PERMANENT) {
        // Forbidden (RBAC) or refused for good: as a refused pod creation, the attempt ends Error
        // with the API server's own words, instead of being retried for ever.
        Instant now = clock.instant();
        return AttemptOutcome.error(ApiErrors.message(e.getCause()), request.podName(), now);
      }
      throw new IllegalStateException(e.getMessage(), e.getCause());
    }
    try (PodWaiter waiter = shared.register(request.podName())) {
      AttemptRun attempt =
          new AttemptRun(this, request, desired, output, shared, waiter, heartbeat);
      try {
        return attempt.run();
      } catch (AttemptRun.Cancelled c) {
        attempt.deleteOnCancel();
        throw c.reason();
      } catch (InterruptedException e) {
        RuntimeException cancellation = attempt.cancellation();
        if (cancellation != null) {
          attempt.deleteOnCancel();
          throw cancellation;
        }
        throw e; // the worker is stopping: the pod stays for the retried call to adopt
      }
    }
  }

  /** The deletions of {@code podGC} with a selector or a delay. */
  PodGcDeletions podGcDeletions() {
    return podGc;
  }

  /** The workflow objects besides pods: volume claims and the disruption budget. */
  WorkflowObjects workflowObjects() {
    return objects;
  }

  /**
   * Deletes the named pods one by one (a 404 is success), or every pod of the workflow by its
   * workflow and managed-by labels (equality selectors). Transient API errors are retried; what
   * still fails is thrown for the activity to retry.
   */
  @Override
  public void delete(PodDeletion deletion) throws InterruptedException {
    String namespace = namespace(deletion.namespace());
    if (deletion.labelSelector() != null || deletion.delayMillis() != null) {
      podGc.delete(namespace, deletion);
      return;
    }
    if (deletion.workflowName() != null) {
      retry.run(
          "delete pods of workflow " + deletion.workflowName(),
          () ->
              client
                  .pods()
                  .inNamespace(namespace)
                  .withLabel(Names.LABEL_WORKFLOW, deletion.workflowName())
                  .withLabel(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE)
                  .delete(),
          () -> {});
    }
    for (String name : deletion.podNames()) {
      if (deletion.abandoned() && !markAbandoned(namespace, name)) {
        continue; // already gone
      }
      retry.run(
          "delete pod " + name,
          () -> {
            try {
              return client.pods().inNamespace(namespace).withName(name).delete();
            } catch (KubernetesClientException e) {
              if (ApiErrors.kind(e) == ApiErrors.Kind.NOT_FOUND) {
                return null;
              }
              throw e;
            }
          },
          () -> {});
    }
  }

  /**
   * Annotates the pod of an abandoned attempt before it is deleted; false when it is gone already.
   * The waiting call sees the annotation (in the update, or on the deleted pod) and ends.
   */
  private boolean markAbandoned(String namespace, String name) throws InterruptedException {
    return PodGcDeletions.annotate(
        client, retry, namespace, name, PodLabels.ANNOTATION_ABANDONED, "true");
  }

  /**
   * The namespaces this executor has pods in: its default one and every one an attempt named since
   * it started, sorted.
   */
  public SortedSet<String> namespaces() {
    SortedSet<String> all = new TreeSet<>(watch.namespaces());
    all.add(settings.defaultNamespace());
    return all;
  }

  /**
   * Every pod with targo's managed-by label in {@code namespace}, by the workflow its workflow
   * label names (pods without one are left out), names sorted. Transient API errors are retried.
   */
  public SortedMap<String, List<String>> managedPods(String namespace) throws InterruptedException {
    PodList list =
        retry.run(
            "list pods in namespace " + namespace,
            () ->
                client
                    .pods()
                    .inNamespace(namespace)
                    .withLabel(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE)
                    .list(),
            () -> {});
    SortedMap<String, List<String>> byWorkflow = new TreeMap<>();
    for (Pod pod : list.getItems()) {
      Map<String, String> labels = pod.getMetadata().getLabels();
      String workflow = labels == null ? null : labels.get(Names.LABEL_WORKFLOW);
      if (workflow != null && !workflow.isEmpty()) {
        byWorkflow
            .computeIfAbsent(workflow, w -> new ArrayList<>())
            .add(pod.getMetadata().getName());
      }
    }
    byWorkflow.replaceAll((w, names) -> names.stream().sorted().toList());
    return byWorkflow;
  }

  private String namespace(String requested) {
    return requested == null || requested.isEmpty() ? settings.defaultNamespace() : requested;
  }

  @Override
  public void close() {
    podGc.close();
    watch.close();
    if (ownsClient) {
      client.close();
    }
  }

  /**
   * The rights this executor needs in its default namespace that its identity lacks (see {@link
   * KubernetesAccess}); empty when it has them all.
   *
   * @throws KubernetesClientException when the API server cannot be asked
   */
  public List<KubernetesAccess.Right> missingRights() {
    return KubernetesAccess.missing(client, settings.defaultNamespace());
  }

  /** The user name the API server knows this executor as, or null when it will not say. */
  public String userName() {
    return KubernetesAccess.userName(client);
  }

  /** The API server's address. */
  public String masterUrl() {
    return client.getMasterUrl().toString();
  }

  /** The namespace of pods whose workflow names none. */
  @Override
  public String defaultNamespace() {
    return settings.defaultNamespace();
  }

  /** How many times the namespace's shared informer was replaced by the watchdog. */
  int informerRestarts(String namespace) {
    return watch.restarts(namespace);
  }

  @Override
  public java.util.Map<String, String> configMapData(String namespace, String name) {
    io.fabric8.kubernetes.api.model.ConfigMap map =
        client.configMaps().inNamespace(namespace).withName(name).get();
    return map == null ? null : map.getData();
  }

  KubernetesClient client() {
    return client;
  }

  KubernetesSettings settings() {
    return settings;
  }

  /**
   * Lets pods have artifacts: their {@code init} and {@code wait} containers run {@code artifacts}'
   * image and read its repositories. Without it, a pod with artifacts ends in Error. Called once,
   * before the worker starts.
   */
  public void useArtifacts(PodArtifactSettings artifacts) {
    this.artifacts = artifacts;
  }

  ApiRetry retry() {
    return retry;
  }

  HostResolver hosts() {
    return hosts;
  }

  Clock clock() {
    return clock;
  }
}
