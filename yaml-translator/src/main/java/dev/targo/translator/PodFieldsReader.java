package dev.targo.translator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.plan.PodFields;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the pod-level Kubernetes fields Argo passes to a pod, at the workflow ({@code spec}) or at
 * a template, into {@link PodFields}. Objects are checked one level deep against the Kubernetes
 * field names and passed through as JSON.
 */
final class PodFieldsReader {
  private PodFieldsReader() {}

  /** {@code spec}'s pod fields: {@code volumes} and every workflow-wide pod setting. */
  static PodFields workflow(Reader reader, Obj spec) {
    Str patch = reader.text(spec, "podSpecPatch");
    if (patch != null) {
      String problem = PodSpecPatchCheck.check(patch.value());
      if (problem != null) {
        reader.problems().add(patch.pos(), Code.INVALID_VALUE, problem);
      }
    }
    Str dnsPolicy = reader.text(spec, "dnsPolicy");
    Str priorityClass = reader.text(spec, "podPriorityClassName");
    return new PodFields(
        volumes(reader, spec),
        claimTemplates(reader, spec),
        reader.jsonList(spec, "imagePullSecrets", Schemas.LOCAL_OBJECT_REFERENCE),
        dnsPolicy == null ? null : dnsPolicy.value(),
        reader.json(spec, "dnsConfig", Schemas.DNS_CONFIG),
        reader.jsonList(spec, "hostAliases", Schemas.HOST_ALIAS),
        reader.bool(spec, "automountServiceAccountToken"),
        priorityClass == null ? null : priorityClass.value(),
        reader.json(spec, "podResources", Schemas.RESOURCES),
        reader.jsonList(spec, "resourceClaims", Schemas.POD_RESOURCE_CLAIM),
        patch == null ? null : patch.value(),
        reader.json(spec, "podDisruptionBudget", Schemas.DISRUPTION_BUDGET),
        null,
        null);
  }

  /** A template's own pod fields, combined with the workflow's later. */
  static PodFields template(Reader reader, Obj t) {
    Str priorityClass = reader.text(t, "priorityClassName");
    return new PodFields(
        volumes(reader, t),
        null,
        null,
        null,
        null,
        reader.jsonList(t, "hostAliases", Schemas.HOST_ALIAS),
        reader.bool(t, "automountServiceAccountToken"),
        priorityClass == null ? null : priorityClass.value(),
        reader.json(t, "podResources", Schemas.RESOURCES),
        reader.jsonList(t, "resourceClaims", Schemas.POD_RESOURCE_CLAIM),
        null,
        null,
        containers(reader, t, "initContainers", "an init container"),
        containers(reader, t, "sidecars", "a sidecar"));
  }

  /** {@code initContainers} or {@code sidecars}: each needs a {@code name} and an {@code image}. */
  private static List<JsonNode> containers(Reader reader, Obj t, String key, String what) {
    List<JsonNode> containers = new ArrayList<>();
    for (Node item : reader.list(t, key)) {
      Obj c =
          reader.object(
              item,
              Pos.of(item.getStartMark()),
              "each item of `" + key + "`",
              Schemas.USER_CONTAINER);
      if (c == null) {
        continue;
      }
      for (String field : List.of("name", "image")) {
        Str value = reader.text(c, field);
        if (Obj.missing(c, field, value)) {
          reader.problems().add(c.owner(), Code.MISSING_FIELD, what + " needs a `" + field + "`");
        }
      }
      reader.bool(c, "mirrorVolumeMounts");
      containers.add(reader.json(item));
    }
    return containers;
  }

  /** {@code volumes}: each needs a {@code name}, unique in its list. */
  private static List<JsonNode> volumes(Reader reader, Obj holder) {
    List<JsonNode> volumes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Node item : reader.list(holder, "volumes")) {
      Obj v =
          reader.object(
              item, Pos.of(item.getStartMark()), "each item of `volumes`", Schemas.VOLUME);
      if (v == null) {
        continue;
      }
      Str name = reader.text(v, "name");
      if (Obj.missing(v, "name", name)) {
        reader.problems().add(v.owner(), Code.MISSING_FIELD, "a volume needs a `name`");
      }
      if (name == null) {
        continue;
      }
      if (names.contains(name.value())) {
        reader
            .problems()
            .add(
                name.pos(),
                Code.DUPLICATE_NAME,
                "volume `" + name.value() + "` is defined twice in `volumes`");
        continue;
      }
      names.add(name.value());
      volumes.add(reader.json(item));
    }
    return volumes;
  }

  /** {@code spec.volumeClaimTemplates}, each with a {@code metadata.name} as Argo requires. */
  private static List<JsonNode> claimTemplates(Reader reader, Obj spec) {
    List<JsonNode> claims = new ArrayList<>();
    for (Node item : reader.list(spec, "volumeClaimTemplates")) {
      Obj c =
          reader.object(
              item,
              Pos.of(item.getStartMark()),
              "each item of `volumeClaimTemplates`",
              Schemas.CLAIM_TEMPLATE);
      if (c == null) {
        continue;
      }
      Obj metadata = reader.object(c, "metadata", Schemas.CLAIM_METADATA);
      Str name = metadata == null ? null : reader.text(metadata, "name");
      if (name == null) {
        // Argo's createPVCs: "volumeClaimTemplates[%d].metadata.name is required".
        reader
            .problems()
            .add(c.owner(), Code.MISSING_FIELD, "a volume claim template needs a `metadata.name`");
        continue;
      }
      claims.add(reader.json(item));
    }
    return claims;
  }
}
