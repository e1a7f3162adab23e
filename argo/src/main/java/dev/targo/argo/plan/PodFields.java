package dev.targo.argo.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The pod-level Kubernetes fields of a container or script template's pod, the workflow's and the
 * template's already combined as Argo's {@code workflowpod.go} combines them. Kubernetes objects
 * are kept as JSON and passed to the pod unread. Every field is left out of the plan's JSON when
 * absent, so plans written before it existed read the same.
 *
 * @param volumes the template's {@code volumes}, then the workflow's {@code spec.volumes} of other
 *     names: the pod gets those its containers mount ({@code addVolumeReferences})
 * @param volumeClaimTemplates {@code spec.volumeClaimTemplates} (PersistentVolumeClaims): a mount
 *     of one's {@code metadata.name} is the workflow's claim {@code <workflow>-<name>}, created
 *     from it
 * @param imagePullSecrets {@code spec.imagePullSecrets}
 * @param dnsPolicy {@code spec.dnsPolicy}, or null
 * @param dnsConfig {@code spec.dnsConfig}, or null
 * @param hostAliases {@code spec.hostAliases} then the template's {@code hostAliases}
 * @param automountServiceAccountToken the template's {@code automountServiceAccountToken}, else the
 *     workflow's, or null
 * @param priorityClassName the template's {@code priorityClassName}, else {@code
 *     spec.podPriorityClassName}, or null
 * @param podResources the template's {@code podResources}, else the workflow's, or null
 * @param resourceClaims the template's {@code resourceClaims} when it has any, else the workflow's
 * @param workflowPodSpecPatch {@code spec.podSpecPatch}, applied before the template's own, or null
 * @param podDisruptionBudget {@code spec.podDisruptionBudget} (a PodDisruptionBudgetSpec) for the
 *     workflow's pods, or null
 * @param initContainers the template's {@code initContainers} (Kubernetes containers, each with
 *     Argo's {@code mirrorVolumeMounts}), run in order before the main container
 * @param sidecars the template's {@code sidecars} (the same shape), running beside the main
 *     container until it ends
 */
public record PodFields(
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<JsonNode> volumes,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<JsonNode> volumeClaimTemplates,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<JsonNode> imagePullSecrets,
    @JsonInclude(JsonInclude.Include.NON_NULL) String dnsPolicy,
    @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode dnsConfig,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<JsonNode> hostAliases,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean automountServiceAccountToken,
    @JsonInclude(JsonInclude.Include.NON_NULL) String priorityClassName,
    @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode podResources,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<JsonNode> resourceClaims,
    @JsonInclude(JsonInclude.Include.NON_NULL) String workflowPodSpecPatch,
    @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode podDisruptionBudget,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<JsonNode> initContainers,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<JsonNode> sidecars) {

  /** No pod-level field. */
  public static final PodFields NONE =
      new PodFields(
          null, null, null, null, null, null, null, null, null, null, null, null, null, null);

  public PodFields {
    volumes = volumes == null ? List.of() : List.copyOf(volumes);
    volumeClaimTemplates =
        volumeClaimTemplates == null ? List.of() : List.copyOf(volumeClaimTemplates);
    imagePullSecrets = imagePullSecrets == null ? List.of() : List.copyOf(imagePullSecrets);
    hostAliases = hostAliases == null ? List.of() : List.copyOf(hostAliases);
    resourceClaims = resourceClaims == null ? List.of() : List.copyOf(resourceClaims);
    initContainers = initContainers == null ? List.of() : List.copyOf(initContainers);
    sidecars = sidecars == null ? List.of() : List.copyOf(sidecars);
  }

  /** True when no field is set (not named like a getter: it is no JSON property). */
  public boolean none() {
    return equals(NONE);
  }

  /**
   * The template's fields ({@code this}) combined with the workflow's as Argo builds a pod: the
   * template's value wins for single values, host aliases are the workflow's then the template's,
   * volumes the template's then the workflow's of other names, and the workflow-only fields come
   * from {@code workflow}.
   */
  public PodFields under(PodFields workflow) {
    List<JsonNode> allVolumes = new ArrayList<>(volumes);
    Set<String> names = new LinkedHashSet<>();
    volumes.forEach(v -> names.add(v.path("name").asText()));
    for (JsonNode v : workflow.volumes) {
      if (names.add(v.path("name").asText())) {
        allVolumes.add(v);
      }
    }
    List<JsonNode> aliases = new ArrayList<>(workflow.hostAliases);
    aliases.addAll(hostAliases);
    return new PodFields(
        allVolumes,
        workflow.volumeClaimTemplates,
        workflow.imagePullSecrets,
        workflow.dnsPolicy,
        workflow.dnsConfig,
        aliases,
        automountServiceAccountToken != null
            ? automountServiceAccountToken
            : workflow.automountServiceAccountToken,
        priorityClassName != null ? priorityClassName : workflow.priorityClassName,
        podResources != null ? podResources : workflow.podResources,
        resourceClaims.isEmpty() ? workflow.resourceClaims : resourceClaims,
        workflow.workflowPodSpecPatch,
        workflow.podDisruptionBudget,
        initContainers,
        sidecars);
  }

  /** The claim template whose {@code metadata.name} is {@code name}, or null. */
  public JsonNode volumeClaimTemplate(String name) {
    for (JsonNode c : volumeClaimTemplates) {
      if (name.equals(c.path("metadata").path("name").asText())) {
        return c;
      }
    }
    return null;
  }

  /** The volume named {@code name}, or null. */
  public JsonNode volume(String name) {
    for (JsonNode v : volumes) {
      if (name.equals(v.path("name").asText())) {
        return v;
      }
    }
    return null;
  }
}
