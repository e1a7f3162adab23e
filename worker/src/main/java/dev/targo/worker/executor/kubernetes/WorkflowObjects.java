package dev.targo.worker.executor.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.api.Names;
import dev.targo.argo.plan.PodFields;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.PodRequest;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The objects Argo's controller keeps for a whole workflow beside its pods: the claims of {@code
 * volumeClaimTemplates} ({@code createPVCs}) and the {@code podDisruptionBudget} ({@code
 * createPDBResource}), and the owner anchor of {@code setOwnerReference} ({@link #ownerAnchor}).
 * Each carries the workflow's label and targo's managed-by label; the executor creates it before
 * the first pod that needs it, and the sweeper deletes it once the workflow is done with it.
 */
final class WorkflowObjects {

  /** A kind of workflow object. */
  enum Kind {
    CLAIM(PersistentVolumeClaim.class, "persistent volume claim"),
    BUDGET(PodDisruptionBudget.class, "pod disruption budget"),
    OWNER(ConfigMap.class, "owner anchor");

    final Class<? extends HasMetadata> type;
    final String what;

    Kind(Class<? extends HasMetadata> type, String what) {
      this.type = type;
      this.what = what;
    }
  }

  /**
   * The label of a workflow's owner anchor, which tells it from the other ConfigMaps targo manages
   * (memoization caches).
   */
  static final String LABEL_OWNER_ANCHOR = "targo.dev/owner-anchor";

  private final KubernetesClient client;
  private final ApiRetry retry;

  WorkflowObjects(KubernetesClient client, ApiRetry retry) {
    this.client = client;
    this.retry = retry;
  }

  /**
   * Creates each object unless it exists: one that does is used when it carries the workflow's
   * label (a retried call, an earlier pod). A claim of that name made for another workflow is
   * refused as Argo's {@code createPVCs} refuses it; an existing budget is used whoever made it, as
   * in Argo's {@code createPDBResource}. Returns the problem that ends the attempt in Error (that,
   * or the API server's refusal), or null.
   */
  String ensure(String namespace, String workflow, List<? extends HasMetadata> objects)
      throws InterruptedException {
    for (HasMetadata object : objects) {
      String name = object.getMetadata().getName();
      boolean claim = Kind.CLAIM.type.isInstance(object);
      String what = claim ? Kind.CLAIM.what : Kind.BUDGET.what;
      try {
        retry.run(
            "create " + what + " " + name,
            () -> client.resource(object).inNamespace(namespace).create(),
            () -> {});
      } catch (KubernetesClientException e) {
        if (ApiErrors.kind(e) != ApiErrors.Kind.CONFLICT) {
          return ApiErrors.message(e);
        }
        if (!claim) {
          continue;
        }
        HasMetadata existing =
            retry.run(
                "get " + what + " " + name,
                () -> client.resource(object).inNamespace(namespace).get(),
                () -> {});
        Map<String, String> labels = existing == null ? null : existing.getMetadata().getLabels();
        if (existing != null
            && (labels == null || !workflow.equals(labels.get(Names.LABEL_WORKFLOW)))) {
          // Argo's words for a claim it did not make.
          return name + " pvc already exists with different ownerreference";
        }
      }
    }
    return null;
  }

  /**
   * Every object of {@code kind} with targo's managed-by label in {@code namespace}, by the
   * workflow its workflow label names, names sorted. Transient API errors are retried.
   */
  SortedMap<String, List<String>> managed(Kind kind, String namespace) throws InterruptedException {
    List<? extends HasMetadata> items =
        retry
            .run(
                "list " + kind.what + "s in namespace " + namespace,
                () ->
                    client
                        .resources(kind.type)
                        .inNamespace(namespace)
                        .withLabel(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE)
                        .withLabels(
                            kind == Kind.OWNER ? Map.of(LABEL_OWNER_ANCHOR, "true") : Map.of())
                        .list(),
                () -> {})
            .getItems();
    SortedMap<String, List<String>> byWorkflow = new TreeMap<>();
    for (HasMetadata item : items) {
      Map<String, String> labels = item.getMetadata().getLabels();
      String workflow = labels == null ? null : labels.get(Names.LABEL_WORKFLOW);
      if (workflow != null && !workflow.isEmpty()) {
        byWorkflow
            .computeIfAbsent(workflow, w -> new ArrayList<>())
            .add(item.getMetadata().getName());
      }
    }
    byWorkflow.replaceAll((w, names) -> names.stream().sorted().toList());
    return byWorkflow;
  }

  /**
   * The uid of workflow {@code workflow}'s owner anchor in {@code namespace}, created unless it
   * exists (a retried call, an earlier resource step): the ConfigMap {@code <workflow>-owner}, with
   * the workflow's label, targo's managed-by label and {@link #LABEL_OWNER_ANCHOR}. It stands for
   * Argo's Workflow object as the owner of the objects of {@code setOwnerReference}; the sweeper
   * deletes it once the workflow's record is gone, and Kubernetes' garbage collector then deletes
   * what it owns. A ConfigMap of that name that is not the workflow's anchor is refused.
   *
   * @throws IllegalStateException with the reason when there is no anchor to own the object
   */
  String ownerAnchor(String namespace, String workflow) throws InterruptedException {
    String name = ownerAnchorName(workflow);
    ConfigMap anchor =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .addToLabels(Names.LABEL_WORKFLOW, workflow)
            .addToLabels(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE)
            .addToLabels(LABEL_OWNER_ANCHOR, "true")
            .endMetadata()
            .build();
    ConfigMap existing;
    try {
      existing =
          retry.run(
              "create owner anchor " + name,
              () -> client.configMaps().inNamespace(namespace).resource(anchor).create(),
              () -> {});
    } catch (KubernetesClientException e) {
      if (ApiErrors.kind(e) != ApiErrors.Kind.CONFLICT) {
        throw new IllegalStateException(ApiErrors.message(e), e);
      }
      existing =
          retry.run(
              "get owner anchor " + name,
              () -> client.configMaps().inNamespace(namespace).withName(name).get(),
              () -> {});
    }
    Map<String, String> labels = existing == null ? null : existing.getMetadata().getLabels();
    if (labels == null
        || !workflow.equals(labels.get(Names.LABEL_WORKFLOW))
        || !"true".equals(labels.get(LABEL_OWNER_ANCHOR))) {
      throw new IllegalStateException(
          "configmaps \""
              + name
              + "\" is not the owner anchor of workflow "
              + workflow
              + ": setOwnerReference needs that name");
    }
    return existing.getMetadata().getUid();
  }

  /** The name of workflow {@code workflow}'s owner anchor. */
  static String ownerAnchorName(String workflow) {
    return workflow + "-owner";
  }

  /** Deletes the named objects of {@code kind}; one already gone is no error. */
  void delete(Kind kind, String namespace, List<String> names) throws InterruptedException {
    for (String name : names) {
      retry.run(
          "delete " + kind.what + " " + name,
          () -> client.resources(kind.type).inNamespace(namespace).withName(name).delete(),
          () -> {});
    }
  }

  /**
   * The claims of {@code volumeClaimTemplates} the pod's containers mount, as Argo's {@code
   * createPVCs} makes them: named {@code <workflow>-<name>}, labelled with the workflow (and
   * targo's managed-by label, so that the sweeper finds them once the workflow has ended).
   */
  static List<PersistentVolumeClaim> claims(PodRequest request, String namespace) {
    PodFields pod = request.template().podFields();
    List<PersistentVolumeClaim> claims = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    List<JsonNode> mounts = new ArrayList<>();
    if (request.template().body() instanceof TemplateBody.ContainerSetBody set) {
      set.podContainers().forEach(c -> mounts.addAll(c.container().volumeMounts()));
    } else {
      mounts.addAll(request.template().body().container().volumeMounts());
    }
    for (JsonNode mount : mounts) {
      String name = mount.path("name").asText("");
      JsonNode template = pod.volumeClaimTemplate(name);
      if (template == null || pod.volume(name) != null || seen.contains(name)) {
        continue;
      }
      seen.add(name);
      PersistentVolumeClaim claim = KubeObjects.convert(template, PersistentVolumeClaim.class);
      claims.add(
          new PersistentVolumeClaimBuilder(claim)
              .editOrNewMetadata()
              .withName(claimName(request.workflowName(), name))
              .withNamespace(namespace)
              .addToLabels(Names.LABEL_WORKFLOW, request.workflowName())
              .addToLabels(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE)
              .endMetadata()
              .build());
    }
    return claims;
  }

  /**
   * The workflow's {@code podDisruptionBudget} as Argo's {@code createPDBResource} makes it: named
   * after the workflow, selecting the workflow's pods unless the spec has a selector; null without
   * one.
   */
  static PodDisruptionBudget disruptionBudget(PodRequest request, String namespace) {
    JsonNode spec = request.template().podFields().podDisruptionBudget();
    if (spec == null) {
      return null;
    }
    PodDisruptionBudgetSpec budget = KubeObjects.convert(spec, PodDisruptionBudgetSpec.class);
    if (budget.getSelector() == null) {
      budget.setSelector(
          new LabelSelectorBuilder()
              .addToMatchLabels(Names.LABEL_WORKFLOW, request.workflowName())
              .build());
    }
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata()
        .withName(request.workflowName())
        .withNamespace(namespace)
        .addToLabels(Names.LABEL_WORKFLOW, request.workflowName())
        .addToLabels(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE)
        .endMetadata()
        .withSpec(budget)
        .build();
  }

  /** Argo's claim name for a workflow's volume claim template: {@code <workflow>-<name>}. */
  static String claimName(String workflowName, String templateName) {
    return workflowName + "-" + templateName;
  }
}
