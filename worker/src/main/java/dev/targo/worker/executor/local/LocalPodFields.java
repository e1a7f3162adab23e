package dev.targo.worker.executor.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.plan.PodFields;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.plan.WorkflowPlan;
import java.util.ArrayList;
import java.util.List;

/**
 * What the local executor does with a pod's pod-level fields. A volume mount is one directory of
 * the pod's own, shared by its containers: that is an {@code emptyDir}. A mount of a {@code
 * configMap}, {@code secret}, {@code persistentVolumeClaim} (or a claim of {@code
 * volumeClaimTemplates}) or any other source would need the cluster's objects or storage; running
 * the pod with an empty directory there instead would be wrong, so such a pod is refused. A mount
 * that names no volume is an {@code emptyDir} too, as before volumes were read. Fields without a
 * local meaning are ignored, and those whose absence a pod would notice are named ({@link
 * #ignored}). Pure.
 */
public final class LocalPodFields {
  private LocalPodFields() {}

  /** Why the local executor cannot run {@code template}'s pod, or null when it can. */
  public static String refusal(Template template) {
    if (template.body() instanceof TemplateBody.ResourceBody) {
      return "template `"
          + template.name()
          + "` is a `resource` template: it acts on a Kubernetes cluster, which the local"
          + " executor has none of; run it on a worker with --executor kubernetes (docs/DESIGN.md"
          + " §21)";
    }
    if (!(template.body() instanceof TemplateBody.PodBody body)) {
      return null;
    }
    PodFields pod = template.podFields();
    for (String kind : List.of("initContainers", "sidecars")) {
      if (!(kind.equals("sidecars") ? pod.sidecars() : pod.initContainers()).isEmpty()) {
        return "template `"
            + template.name()
            + "` has "
            + kind
            + ": the local executor runs the main container only; run it on the kubernetes"
            + " executor";
      }
    }
    if (!(body instanceof TemplateBody.ContainerSetBody)) {
      String probe = ReadinessProbes.refusal(body.container().readinessProbe());
      if (probe != null) {
        return "template `" + template.name() + "`: " + probe;
      }
    }
    List<JsonNode> mounts = new ArrayList<>();
    if (body instanceof TemplateBody.ContainerSetBody set) {
      set.podContainers().forEach(c -> mounts.addAll(c.container().volumeMounts()));
    } else {
      mounts.addAll(body.container().volumeMounts());
    }
    for (JsonNode mount : mounts) {
      String name = mount.path("name").asText("");
      JsonNode volume = pod.volume(name);
      String source = null;
      if (volume != null) {
        source = source(volume);
        if ("emptyDir".equals(source)) {
          continue;
        }
      } else if (pod.volumeClaimTemplate(name) != null) {
        source = "volumeClaimTemplates";
      } else {
        continue;
      }
      return "template `"
          + template.name()
          + "` mounts volume `"
          + name
          + "` ("
          + source
          + "): the local executor runs emptyDir volumes only; run it on the kubernetes executor";
    }
    return null;
  }

  /** Every refusal of the plan's pod templates, in template order. */
  public static List<String> refusals(WorkflowPlan plan) {
    List<String> out = new ArrayList<>();
    for (Template t : plan.templates().values()) {
      String refusal = refusal(t);
      if (refusal != null) {
        out.add(refusal);
      }
    }
    return out;
  }

  /**
   * What the plan asks of its pods that the local executor does not do although one would see its
   * effect from inside the pod: names resolved through {@code hostAliases} or {@code dnsConfig},
   * devices of {@code resourceClaims}. One line per template, in template order; the pods run.
   */
  public static List<String> ignored(WorkflowPlan plan) {
    List<String> out = new ArrayList<>();
    for (Template t : plan.templates().values()) {
      PodFields pod = t.podFields();
      List<String> fields = new ArrayList<>();
      if (!pod.hostAliases().isEmpty()) {
        fields.add("hostAliases");
      }
      if (pod.dnsConfig() != null || pod.dnsPolicy() != null) {
        fields.add("dnsConfig/dnsPolicy");
      }
      if (!pod.resourceClaims().isEmpty()) {
        fields.add("resourceClaims");
      }
      if (!fields.isEmpty()) {
        out.add(
            "template `"
                + t.name()
                + "`: "
                + String.join(", ", fields)
                + " have no effect on the local executor");
      }
    }
    return out;
  }

  private static String source(JsonNode volume) {
    var names = volume.fieldNames();
    while (names.hasNext()) {
      String field = names.next();
      if (!field.equals("name")) {
        return field;
      }
    }
    return "no source";
  }
}
