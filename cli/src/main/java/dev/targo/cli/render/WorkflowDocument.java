package dev.targo.cli.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.targo.argo.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The Argo {@code Workflow} object of a run ({@code apiVersion}, {@code kind}, {@code metadata},
 * {@code spec} as submitted, {@code status} as targo reports it) for {@code -o json|yaml}, so tools
 * that read Argo workflows read targo's unchanged.
 */
public final class WorkflowDocument {
  private WorkflowDocument() {}

  private static final ObjectMapper JSON = Json.mapper();
  private static final java.util.List<String> STORED_FIELDS =
      java.util.List.of("storedTemplates", "storedWorkflowTemplateSpec");
  private static final ObjectMapper YAML =
      new YAMLMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
          .findAndRegisterModules();

  /** The document for {@code view}, with {@code spec} taken from the submitted text. */
  public static ObjectNode of(WorkflowView view, String submittedYaml) {
    ObjectNode doc = JSON.createObjectNode();
    JsonNode submitted = readSubmitted(submittedYaml);
    doc.put("apiVersion", "argoproj.io/v1alpha1");
    doc.put("kind", "Workflow");
    ObjectNode metadata =
        submitted.get("metadata") instanceof ObjectNode m ? m.deepCopy() : JSON.createObjectNode();
    metadata.put("name", view.name());
    if (view.namespace() != null) {
      metadata.put("namespace", view.namespace());
    }
    if (view.createdAt() != null) {
      metadata.put("creationTimestamp", view.createdAt().toString());
    }
    doc.set("metadata", metadata);
    ObjectNode spec =
        submitted.get("spec") instanceof ObjectNode given
            ? given.deepCopy()
            : JSON.createObjectNode();
    // Argo keeps a workflow's suspension in spec.suspend (argo suspend sets it, resume clears it),
    // which its clients read (`Running (Suspended)`): the live state, not the submitted value.
    if (Boolean.TRUE.equals(view.status().suspended())) {
      spec.put("suspend", true);
    } else {
      spec.remove("suspend");
    }
    doc.set("spec", spec);
    ObjectNode status = JSON.valueToTree(view.status());
    // What the workflow took from templates when it was submitted (withStored), as Argo keeps it.
    for (String field : STORED_FIELDS) {
      if (submitted.path("status").has(field)) {
        status.set(field, submitted.path("status").get(field));
      }
    }
    doc.set("status", status);
    return doc;
  }

  /**
   * The text to record for a submitted document: the document as given, plus {@code stored} (what
   * it took from templates, Argo's {@code status.storedTemplates} and {@code
   * storedWorkflowTemplateSpec}) as its {@code status} when not null.
   */
  public static String withStored(String submittedYaml, ObjectNode stored) {
    if (stored == null) {
      return submittedYaml;
    }
    JsonNode submitted = readSubmitted(submittedYaml);
    ObjectNode doc = submitted instanceof ObjectNode o ? o.deepCopy() : JSON.createObjectNode();
    doc.set("status", stored);
    return yaml(doc);
  }

  /**
   * The text to record for a document with {@code spec.workflowMetadata}: its {@code
   * metadata.labels} and {@code annotations} replaced by the workflow's, which have the {@code
   * workflowMetadata} ones and the values of its {@code labelsFrom} expressions, as Argo's
   * controller writes them on the {@code Workflow}. Other documents are returned as they are.
   */
  public static String withWorkflowMetadata(
      String yaml, Map<String, String> labels, Map<String, String> annotations) {
    JsonNode doc = readSubmitted(yaml);
    if (!(doc instanceof ObjectNode root) || !doc.path("spec").has("workflowMetadata")) {
      return yaml;
    }
    ObjectNode copy = root.deepCopy();
    ObjectNode metadata =
        copy.get("metadata") instanceof ObjectNode m ? m : copy.putObject("metadata");
    metadata.set("labels", JSON.valueToTree(new java.util.TreeMap<>(labels)));
    if (!annotations.isEmpty()) {
      metadata.set("annotations", JSON.valueToTree(new java.util.TreeMap<>(annotations)));
    }
    return yaml(copy);
  }

  /** Argo's label on a resubmitted workflow: the name of the one it was resubmitted from. */
  public static final String RESUBMITTED_FROM = "workflows.argoproj.io/resubmitted-from-workflow";

  /**
   * The document Argo's {@code FormulateResubmitWorkflow} ({@code workflow/util/util.go}) makes of
   * a workflow's recorded one: the same spec without its stop request, {@code generateName} the old
   * one's (or its name and a dash) with no name, the user's labels and annotations kept, the {@link
   * #RESUBMITTED_FROM} label added, and no status (templates are looked up again, as Argo's new
   * workflow has no stored templates). The parameters are those it ran with ({@code ranWith}, its
   * values given at submit time included), then {@code overrides}, set as Argo's {@code
   * overrideParameters} sets them.
   */
  public static String forResubmission(
      String recordedYaml,
      String oldName,
      List<dev.targo.argo.plan.Parameter> ranWith,
      Map<String, String> overrides) {
    JsonNode doc = readSubmitted(recordedYaml);
    ObjectNode copy = doc instanceof ObjectNode o ? o.deepCopy() : JSON.createObjectNode();
    copy.remove("status");
    ObjectNode metadata =
        copy.get("metadata") instanceof ObjectNode m ? m : copy.putObject("metadata");
    String generateName = metadata.path("generateName").asText("");
    metadata.remove("name");
    metadata.put("generateName", generateName.isEmpty() ? oldName + "-" : generateName);
    ObjectNode labels =
        metadata.get("labels") instanceof ObjectNode l ? l : metadata.putObject("labels");
    for (String ignored :
        List.of(
            "workflows.argoproj.io/creator",
            "workflows.argoproj.io/creator-email",
            "workflows.argoproj.io/creator-preferred-username",
            "workflows.argoproj.io/phase",
            "workflows.argoproj.io/completed",
            "workflows.argoproj.io/workflow-archiving-status")) {
      labels.remove(ignored);
    }
    labels.put(RESUBMITTED_FROM, oldName);
    if (copy.get("spec") instanceof ObjectNode spec) {
      spec.remove("shutdown");
      if (spec.path("activeDeadlineSeconds").isNumber()
          && spec.path("activeDeadlineSeconds").asLong() == 0) {
        spec.remove("activeDeadlineSeconds");
      }
      Map<String, String> values = new java.util.LinkedHashMap<>();
      Map<String, String> declared = new java.util.HashMap<>();
      spec.path("arguments")
          .path("parameters")
          .forEach(p -> declared.put(p.path("name").asText(), p.path("value").asText(null)));
      for (dev.targo.argo.plan.Parameter p : ranWith) {
        String v = p.effectiveValue();
        if (v != null && !v.equals(declared.get(p.name()))) {
          values.put(p.name(), v);
        }
      }
      values.putAll(overrides);
      overrideParameters(spec, values);
    }
    return yaml(copy);
  }

  /**
   * The recorded document of a workflow retried with {@code overrides} ({@code argo retry -p}): its
   * {@code spec.arguments.parameters} as Argo's {@code overrideParameters} sets them; the text as
   * it is without overrides, or when none was recorded.
   */
  public static String forRetry(String recordedYaml, Map<String, String> overrides) {
    if (overrides.isEmpty() || recordedYaml.isBlank()) {
      return recordedYaml;
    }
    JsonNode doc = readSubmitted(recordedYaml);
    if (!(doc instanceof ObjectNode o) || !(o.get("spec") instanceof ObjectNode)) {
      return recordedYaml;
    }
    ObjectNode copy = o.deepCopy();
    overrideParameters((ObjectNode) copy.get("spec"), overrides);
    return yaml(copy);
  }

  /**
   * Argo's {@code overrideParameters}: each given parameter becomes {@code {name, value}}, first,
   * then the other declared ones as they were.
   */
  private static void overrideParameters(ObjectNode spec, Map<String, String> values) {
    if (values.isEmpty()) {
      return;
    }
    com.fasterxml.jackson.databind.node.ArrayNode params = JSON.createArrayNode();
    values.forEach((name, value) -> params.addObject().put("name", name).put("value", value));
    spec.path("arguments")
        .path("parameters")
        .forEach(
            p -> {
              if (!values.containsKey(p.path("name").asText())) {
                params.add(p);
              }
            });
    ObjectNode arguments =
        spec.get("arguments") instanceof ObjectNode a ? a : spec.putObject("arguments");
    arguments.set("parameters", params);
  }

  /** Pretty JSON text of {@code doc}. */
  public static String json(ObjectNode doc) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** YAML text of {@code doc}. */
  public static String yaml(ObjectNode doc) {
    try {
      return YAML.writeValueAsString(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode readSubmitted(String text) {
    try {
      JsonNode node = YAML.readTree(text);
      return node == null ? JSON.createObjectNode() : node;
    } catch (IOException e) {
      // The text was translated before it was submitted, so this does not happen; keep going
      // with status only rather than lose the run's result.
      return JSON.createObjectNode();
    }
  }
}
