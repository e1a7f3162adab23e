package dev.targo.argo.pod;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.targo.argo.Json;
import dev.targo.argo.plan.Affinity;
import dev.targo.argo.plan.ContainerNode;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.PodFields;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a template's {@code podSpecPatch} to the parts of the pod that targo's plan describes
 * (the {@code main} container, {@code nodeSelector}, {@code affinity}, {@code tolerations}, {@code
 * activeDeadlineSeconds}, {@code serviceAccountName}), for executors that do not build a full
 * Kubernetes pod. The patch is read as YAML or JSON and applied as a strategic merge patch, as Argo
 * does. Pure.
 */
public final class PodSpecPatches {
  private PodSpecPatches() {}

  private static final ObjectMapper JSON = Json.mapper();
  private static final ObjectMapper YAML = new YAMLMapper();

  /** The patch text as a JSON tree (YAML is a superset of JSON). */
  public static JsonNode parse(String text) throws StrategicMergePatch.PatchException {
    try {
      return YAML.readTree(text);
    } catch (JsonProcessingException e) {
      throw new StrategicMergePatch.PatchException(
          "Failed to convert the PodSpecPatch yaml to json: " + e.getOriginalMessage());
    }
  }

  /**
   * {@code request} with the workflow's {@code spec.podSpecPatch} and then its template's {@code
   * podSpecPatch} applied, and both cleared (Argo's {@code processPodSpecPatch} applies them in
   * that order).
   */
  public static PodRequest apply(PodRequest request) throws StrategicMergePatch.PatchException {
    Template t = request.template();
    List<String> patches = patches(t);
    if (patches.isEmpty()) {
      return request;
    }
    ObjectNode patched = podSpec(request);
    for (String patch : patches) {
      patched = StrategicMergePatch.applyToPodSpec(patched, parse(patch));
    }
    try {
      TemplateBody body =
          switch (t.body()) {
            case TemplateBody.ContainerBody c ->
                new TemplateBody.ContainerBody(container(patched, PodState.MAIN));
            case TemplateBody.ScriptBody s ->
                new TemplateBody.ScriptBody(container(patched, PodState.MAIN), s.source());
            case TemplateBody.ContainerSetBody set -> {
              // The set's volume mounts are in each container already (they were patched there).
              List<ContainerNode> containers = new ArrayList<>();
              for (ContainerNode c : set.containers()) {
                containers.add(c.withContainer(container(patched, c.name())));
              }
              yield new TemplateBody.ContainerSetBody(containers, List.of(), set.retryStrategy());
            }
            default -> t.body();
          };
      PodFields pod = t.podFields();
      Template template =
          new Template(
              t.name(),
              body,
              t.inputs(),
              t.retryStrategy(),
              t.activeDeadlineSeconds(),
              t.timeout(),
              stringMap(patched.get("nodeSelector")),
              affinity(patched.get("affinity")),
              list(patched.get("tolerations")),
              t.metadata(),
              null,
              text(patched.get("serviceAccountName")),
              t.outputs(),
              t.parallelism(),
              t.failFast(),
              t.synchronization(),
              new PodFields(
                  pod.volumes(),
                  pod.volumeClaimTemplates(),
                  pod.imagePullSecrets(),
                  pod.dnsPolicy(),
                  pod.dnsConfig(),
                  pod.hostAliases(),
                  pod.automountServiceAccountToken(),
                  pod.priorityClassName(),
                  pod.podResources(),
                  pod.resourceClaims(),
                  null,
                  pod.podDisruptionBudget(),
                  pod.initContainers(),
                  pod.sidecars()),
              t.inputArtifacts(),
              t.outputArtifacts(),
              t.archiveLogs(),
              t.artifactRepositoryRef(),
              t.memoize(),
              t.annotations(),
              t.pendingTimeout(),
              t.daemon());
      JsonNode deadline = patched.get("activeDeadlineSeconds");
      // Argo applies a template's timeout after the patch, so its deadline wins over one the patch
      // sets.
      Long seconds =
          request.hasTimeout()
              ? request.activeDeadlineSeconds()
              : deadline == null || deadline.isNull() ? null : deadline.asLong();
      return request
          .withTemplate(template)
          .withActiveDeadlineSeconds(seconds)
          .withServiceAccountName(text(patched.get("serviceAccountName")));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new StrategicMergePatch.PatchException(
          "Error in Unmarshalling after merge the patch: " + e.getMessage());
    }
  }

  /** The workflow's patch, then the template's: those that are not blank. */
  public static List<String> patches(Template t) {
    List<String> patches = new ArrayList<>();
    for (String patch : new String[] {t.podFields().workflowPodSpecPatch(), t.podSpecPatch()}) {
      if (patch != null && !patch.isBlank()) {
        patches.add(patch);
      }
    }
    return patches;
  }

  static ObjectNode podSpec(PodRequest request) {
    Template t = request.template();
    ObjectNode spec = JSON.createObjectNode();
    ArrayNode containers = spec.putArray("containers");
    if (t.body() instanceof TemplateBody.ContainerSetBody set) {
      // Argo patches the pod it built: the set's containers by name, the set's mounts in each.
      for (ContainerNode c : set.podContainers()) {
        ObjectNode node = JSON.valueToTree(c.container());
        node.put("name", c.name());
        containers.add(node);
      }
    } else {
      ObjectNode main = JSON.valueToTree(t.body().container());
      main.put("name", PodState.MAIN);
      containers.add(main);
    }
    if (!t.nodeSelector().isEmpty()) {
      spec.set("nodeSelector", JSON.valueToTree(t.nodeSelector()));
    }
    if (t.affinity() != null) {
      spec.set("affinity", kubernetesAffinity(t.affinity()));
    }
    if (!t.tolerations().isEmpty()) {
      spec.set("tolerations", JSON.valueToTree(t.tolerations()));
    }
    if (request.activeDeadlineSeconds() != null) {
      spec.put("activeDeadlineSeconds", request.activeDeadlineSeconds());
    }
    String account = request.serviceAccountName();
    if (account != null) {
      spec.put("serviceAccountName", account);
    }
    return spec;
  }

  /** The patched container {@code name}, without its name. */
  private static ContainerSpec container(ObjectNode spec, String name)
      throws JsonProcessingException {
    for (JsonNode c : spec.path("containers")) {
      if (name.equals(c.path("name").asText())) {
        ObjectNode copy = ((ObjectNode) c).deepCopy();
        copy.remove("name");
        return JSON.treeToValue(copy, ContainerSpec.class);
      }
    }
    throw new IllegalArgumentException("the patch removed the " + name + " container");
  }

  private static ObjectNode kubernetesAffinity(Affinity a) {
    ObjectNode out = JSON.createObjectNode();
    if (a.nodeAffinity() != null) {
      ObjectNode node = out.putObject("nodeAffinity");
      if (a.nodeAffinity().required() != null) {
        node.set(
            "requiredDuringSchedulingIgnoredDuringExecution",
            JSON.valueToTree(a.nodeAffinity().required()));
      }
      if (a.nodeAffinity().preferred() != null) {
        node.set("preferredDuringSchedulingIgnoredDuringExecution", a.nodeAffinity().preferred());
      }
    }
    if (a.podAffinity() != null) {
      out.set("podAffinity", a.podAffinity());
    }
    if (a.podAntiAffinity() != null) {
      out.set("podAntiAffinity", a.podAntiAffinity());
    }
    return out;
  }

  private static Affinity affinity(JsonNode k8s) throws JsonProcessingException {
    if (k8s == null || k8s.isNull()) {
      return null;
    }
    Affinity.NodeAffinity nodeAffinity = null;
    JsonNode node = k8s.get("nodeAffinity");
    if (node != null && !node.isNull()) {
      JsonNode required = node.get("requiredDuringSchedulingIgnoredDuringExecution");
      nodeAffinity =
          new Affinity.NodeAffinity(
              required == null || required.isNull()
                  ? null
                  : JSON.treeToValue(required, Affinity.NodeSelector.class),
              nullIfMissing(node.get("preferredDuringSchedulingIgnoredDuringExecution")));
    }
    return new Affinity(
        nodeAffinity,
        nullIfMissing(k8s.get("podAffinity")),
        nullIfMissing(k8s.get("podAntiAffinity")));
  }

  private static JsonNode nullIfMissing(JsonNode n) {
    return n == null || n.isNull() ? null : n;
  }

  private static Map<String, String> stringMap(JsonNode n) {
    Map<String, String> out = new LinkedHashMap<>();
    if (n != null) {
      n.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    }
    return out;
  }

  private static List<JsonNode> list(JsonNode n) {
    List<JsonNode> out = new ArrayList<>();
    if (n instanceof ArrayNode a) {
      a.forEach(out::add);
    }
    return out;
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asText();
  }
}
