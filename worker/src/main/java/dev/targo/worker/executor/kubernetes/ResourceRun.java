package dev.targo.worker.executor.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.Json;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.resource.KubectlJsonPath;
import dev.targo.argo.resource.Requirement;
import dev.targo.argo.resource.ResourceConditions;
import dev.targo.argo.resource.ResourceManifests;
import dev.targo.argo.status.NodePhase;
import dev.targo.worker.executor.PodExecutor.Heartbeat;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One attempt of a {@code resource} template (docs/DESIGN.md §21): what Argo's {@code argoexec
 * resource} does in its pod ({@code workflow/executor/resource.go}), done from the worker with
 * fabric8 instead of kubectl. The action on the manifest's object, then, except for {@code delete},
 * a poll until the success or failure condition holds, then the {@code jsonPath} outputs read from
 * the object. Every failure Argo's pod would exit 1 for ends the attempt Failed (exit code 1) with
 * its message; transient API errors are retried as the same attempt. Idempotent for a retried
 * activity: an object created by this attempt carries {@link #LABEL_ATTEMPT} and is adopted, not
 * created twice; the other actions give the same object when repeated.
 */
final class ResourceRun {
  /** The label a created object carries: the attempt's deterministic pod name. */
  static final String LABEL_ATTEMPT = "targo.dev/resource-attempt";

  /**
   * How often a waiting attempt reads its object. Argo's executor polls every 5 s ({@code
   * RESOURCE_STATE_CHECK_INTERVAL}); targo every 2 s, one GET each, so that a step that waits for
   * another's change follows it promptly.
   */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

  private static final ObjectMapper JSON = Json.mapper();

  private final KubernetesClient client;
  private final ApiRetry retry;
  private final WorkflowObjects objects;
  private final Clock clock;
  private final Duration pollInterval;

  ResourceRun(
      KubernetesClient client,
      ApiRetry retry,
      WorkflowObjects objects,
      Clock clock,
      Duration pollInterval) {
    this.client = client;
    this.retry = retry;
    this.objects = objects;
    this.clock = clock;
    this.pollInterval = pollInterval;
  }

  /** Why the attempt ends Failed, as Argo's resource pod would report it. */
  private static final class Failure extends Exception {
    Failure(String message) {
      super(message);
    }
  }

  /** The object's API operations, and how {@code kubectl} would name it. */
  private record Target(
      NonNamespaceOperation<
              GenericKubernetesResource,
              GenericKubernetesResourceList,
              Resource<GenericKubernetesResource>>
          ops,
      String plural,
      String name) {}

  AttemptOutcome run(PodRequest request, String namespace, Heartbeat heartbeat)
      throws InterruptedException {
    Instant started = clock.instant();
    TemplateBody.ResourceBody body = (TemplateBody.ResourceBody) request.template().body();
    Map<String, String> outputs;
    try {
      outputs = act(request, body, namespace, started, heartbeat);
    } catch (Failure f) {
      return AttemptOutcome.ofPod(
          NodePhase.Failed,
          f.getMessage(),
          1,
          null,
          started,
          clock.instant(),
          request.podName(),
          null,
          null);
    }
    return AttemptOutcome.ofPod(
        NodePhase.Succeeded,
        null,
        0,
        null,
        started,
        clock.instant(),
        request.podName(),
        null,
        outputs);
  }

  private Map<String, String> act(
      PodRequest request,
      TemplateBody.ResourceBody body,
      String namespace,
      Instant started,
      Heartbeat heartbeat)
      throws Failure, InterruptedException {
    String action = body.action();
    if (!ResourceManifests.ACTIONS.contains(action)) {
      throw new Failure(
          "resource.action must be one of: get, create, apply, delete, replace, patch, not '"
              + action
              + "'");
    }
    List<Requirement> success = condition(body.successCondition(), "success");
    List<Requirement> failure = condition(body.failureCondition(), "fail");
    ObjectNode manifest;
    try {
      manifest = ResourceManifests.parse(body.manifest());
    } catch (ResourceManifests.InvalidManifest e) {
      throw new Failure(e.getMessage());
    }
    String incomplete = ResourceManifests.incomplete(manifest, action);
    if (incomplete != null) {
      throw new Failure(incomplete);
    }
    ObjectNode metadata = manifest.with("metadata");
    if (metadata.path("namespace").asText("").isEmpty()) {
      // kubectl in Argo's pod acts in the pod's namespace: the workflow's.
      metadata.put("namespace", namespace);
    }
    if (body.setOwnerReference() && !action.equals("get") && !action.equals("delete")) {
      owned(metadata, request.workflowName());
    }
    Target target = target(manifest);
    JsonNode object =
        switch (action) {
          case "get" -> get(target);
          case "create" -> create(target, manifest, request.podName());
          case "apply" ->
              written(
                  "apply " + target.plural(),
                  () ->
                      target
                          .ops()
                          .resource(resource(manifest))
                          .fieldManager("targo")
                          .forceConflicts()
                          .serverSideApply());
          case "replace" ->
              written(
                  "replace " + target.plural(),
                  () -> target.ops().resource(resource(manifest)).update());
          case "patch" -> patch(target, manifest, body.mergeStrategy());
          default -> delete(target, started, request, heartbeat);
        };
    if (action.equals("delete")) {
      return null;
    }
    String name = object.path("metadata").path("name").asText();
    Target named = new Target(target.ops(), target.plural(), name);
    if (!success.isEmpty() || !failure.isEmpty()) {
      await(named, success, failure, request, started, heartbeat);
    }
    return outputs(request, named);
  }

  /**
   * Argo's {@code setOwnerReference} ({@code executeResource}): the manifest's {@code
   * ownerReferences} gain a controller reference, which Argo makes to the Workflow object ({@code
   * metav1.NewControllerRef}: controller and blockOwnerDeletion true). targo's workflow is no
   * Kubernetes object, so the owner is its anchor ConfigMap in the object's namespace ({@link
   * WorkflowObjects#ownerAnchor}), deleted once the workflow's record is; a reference already in
   * the manifest is kept, as Argo appends. Left out for get and delete, whose manifest only names
   * the object.
   */
  private void owned(ObjectNode metadata, String workflow) throws Failure, InterruptedException {
    String namespace = metadata.path("namespace").asText();
    String uid;
    try {
      uid = objects.ownerAnchor(namespace, workflow);
    } catch (IllegalStateException e) {
      throw new Failure(e.getMessage());
    }
    ObjectNode reference = metadata.withArray("ownerReferences").addObject();
    reference.put("apiVersion", "v1");
    reference.put("kind", "ConfigMap");
    reference.put("name", WorkflowObjects.ownerAnchorName(workflow));
    reference.put("uid", uid);
    reference.put("controller", true);
    reference.put("blockOwnerDeletion", true);
  }

  private static List<Requirement> condition(String text, String which) throws Failure {
    try {
      return ResourceConditions.parse(text == null || text.isEmpty() ? null : text);
    } catch (ResourceConditions.InvalidCondition e) {
      throw new Failure(which + " condition '" + text + "' failed to parse: " + e.getMessage());
    }
  }

  /** The operations on the manifest's kind, found by the API server's discovery as kubectl does. */
  private Target target(ObjectNode manifest) throws Failure, InterruptedException {
    String apiVersion = manifest.path("apiVersion").asText();
    String kind = manifest.path("kind").asText();
    APIResourceList list;
    try {
      list =
          retry.run("discover " + apiVersion, () -> client.getApiResources(apiVersion), () -> {});
    } catch (KubernetesClientException e) {
      list = null;
    }
    APIResource found = null;
    if (list != null && list.getResources() != null) {
      for (APIResource r : list.getResources()) {
        if (kind.equals(r.getKind()) && !r.getName().contains("/")) {
          found = r;
          break;
        }
      }
    }
    if (found == null) {
      throw new Failure("no matches for kind \"" + kind + "\" in version \"" + apiVersion + "\"");
    }
    int slash = apiVersion.indexOf('/');
    ResourceDefinitionContext context =
        new ResourceDefinitionContext.Builder()
            .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
            .withVersion(apiVersion.substring(slash + 1))
            .withKind(kind)
            .withPlural(found.getName())
            .withNamespaced(Boolean.TRUE.equals(found.getNamespaced()))
            .build();
    var all = client.genericKubernetesResources(context);
    var ops =
        Boolean.TRUE.equals(found.getNamespaced())
            ? all.inNamespace(manifest.path("metadata").path("namespace").asText())
            : all;
    return new Target(ops, found.getName(), manifest.path("metadata").path("name").asText());
  }

  private JsonNode get(Target target) throws Failure, InterruptedException {
    GenericKubernetesResource found = read(target);
    if (found == null) {
      throw new Failure(target.plural() + " \"" + target.name() + "\" not found");
    }
    return JSON.valueToTree(found);
  }

  /**
   * Creates the object labelled with the attempt, or adopts the one an earlier call of this attempt
   * created (a worker that died after the create): found by name, or by the label for a {@code
   * generateName}.
   */
  private JsonNode create(Target target, ObjectNode manifest, String podName)
      throws Failure, InterruptedException {
    manifest.with("metadata").with("labels").put(LABEL_ATTEMPT, podName);
    GenericKubernetesResource mine;
    if (!target.name().isEmpty()) {
      GenericKubernetesResource existing = read(target);
      mine = existing != null && podName.equals(label(existing)) ? existing : null;
    } else {
      List<GenericKubernetesResource> labelled =
          call(
                  "list " + target.plural(),
                  () -> target.ops().withLabel(LABEL_ATTEMPT, podName).list())
              .getItems();
      mine = labelled.isEmpty() ? null : labelled.getFirst();
    }
    if (mine != null) {
      return JSON.valueToTree(mine);
    }
    return written(
        "create " + target.plural(), () -> target.ops().resource(resource(manifest)).create());
  }

  private static String label(GenericKubernetesResource object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    return labels == null ? null : labels.get(LABEL_ATTEMPT);
  }

  private JsonNode patch(Target target, ObjectNode manifest, String strategy)
      throws Failure, InterruptedException {
    PatchType type = "merge".equals(strategy) ? PatchType.JSON_MERGE : PatchType.STRATEGIC_MERGE;
    String patch = manifest.toString();
    return written(
        "patch " + target.plural(),
        () -> target.ops().withName(target.name()).patch(PatchContext.of(type), patch));
  }

  /**
   * Deletes the object (absent is fine: Argo passes {@code --ignore-not-found}) and waits until it
   * is gone, as kubectl's {@code delete} does by default.
   */
  private JsonNode delete(Target target, Instant started, PodRequest request, Heartbeat heartbeat)
      throws Failure, InterruptedException {
    call("delete " + target.plural(), () -> target.ops().withName(target.name()).delete());
    while (read(target) != null) {
      beat(
          heartbeat,
          request,
          started,
          "waiting for " + target.plural() + "/" + target.name() + " to be deleted");
      Thread.sleep(pollInterval.toMillis());
    }
    return null;
  }

  /** Polls the object until a condition decides (Argo's {@code WaitResource}). */
  private void await(
      Target target,
      List<Requirement> success,
      List<Requirement> failure,
      PodRequest request,
      Instant started,
      Heartbeat heartbeat)
      throws Failure, InterruptedException {
    Instant deadline =
        request.activeDeadlineSeconds() == null
            ? null
            : started.plusSeconds(request.activeDeadlineSeconds());
    String waiting = "waiting for " + target.plural() + "/" + target.name();
    while (true) {
      GenericKubernetesResource current = read(target);
      if (current == null) {
        throw new Failure(
            "The resource has been deleted while its status was still being checked. Will not be"
                + " retried: "
                + target.plural()
                + " \""
                + target.name()
                + "\" not found");
      }
      switch (ResourceConditions.judge(JSON.valueToTree(current), success, failure)) {
        case ResourceConditions.Verdict.Succeeded s -> {
          return;
        }
        case ResourceConditions.Verdict.Failed f -> throw new Failure(f.message());
        case ResourceConditions.Verdict.Waiting w -> {}
      }
      if (deadline != null && !clock.instant().isBefore(deadline)) {
        // Argo's resource pod is ended by its activeDeadlineSeconds; the kubelet's words.
        throw new Failure("Pod was active on the node longer than the specified deadline");
      }
      beat(heartbeat, request, started, waiting);
      Thread.sleep(pollInterval.toMillis());
    }
  }

  private static void beat(Heartbeat heartbeat, PodRequest request, Instant started, String what) {
    heartbeat.beat(new PodProgress(request.podName(), NodePhase.Running, what, null, started));
  }

  /** The {@code jsonPath} outputs, read from the object as it is now (Argo reads it again). */
  private Map<String, String> outputs(PodRequest request, Target target)
      throws Failure, InterruptedException {
    List<OutputParameter> wanted =
        request.template().outputs().stream().filter(p -> p.jsonPath() != null).toList();
    if (wanted.isEmpty()) {
      return null;
    }
    JsonNode object = get(target);
    Map<String, String> values = new LinkedHashMap<>();
    for (OutputParameter p : wanted) {
      try {
        values.put(p.name(), KubectlJsonPath.parse(p.jsonPath()).evaluate(object));
      } catch (KubectlJsonPath.InvalidPath e) {
        throw new Failure(
            "output parameter " + p.name() + ": jsonpath " + p.jsonPath() + ": " + e.getMessage());
      }
    }
    return values;
  }

  private GenericKubernetesResource read(Target target) throws Failure, InterruptedException {
    try {
      return retry.run(
          "get " + target.plural() + " " + target.name(),
          () -> target.ops().withName(target.name()).get(),
          () -> {});
    } catch (KubernetesClientException e) {
      if (ApiErrors.kind(e) == ApiErrors.Kind.NOT_FOUND) {
        return null;
      }
      throw new Failure(ApiErrors.message(e));
    }
  }

  /**
   * An API call whose refusal (anything not transient) ends the attempt with the server's words.
   */
  private <T> T call(String what, ApiRetry.Call<T> call) throws Failure, InterruptedException {
    try {
      return retry.run(what, call, () -> {});
    } catch (KubernetesClientException e) {
      throw new Failure(ApiErrors.message(e));
    }
  }

  /** {@link #call} for a call that answers with the object written. */
  private JsonNode written(String what, ApiRetry.Call<GenericKubernetesResource> call)
      throws Failure, InterruptedException {
    return JSON.valueToTree(call(what, call));
  }

  private static GenericKubernetesResource resource(ObjectNode manifest) {
    return JSON.convertValue(manifest, GenericKubernetesResource.class);
  }
}
