package dev.targo.translator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/** Reads the document root into {@link Raw.Workflow}: metadata, spec, arguments, templates. */
final class WorkflowReader {
  private final Reader reader;

  private WorkflowReader(Reader reader) {
    this.reader = reader;
  }

  /** The raw workflow, or null when the root is not a mapping (problem added). */
  static Raw.Workflow read(Node root, Problems problems) {
    return new WorkflowReader(new Reader(problems)).workflow(root);
  }

  private Raw.Workflow workflow(Node root) {
    Obj o = reader.object(root, Pos.START, "the document", Schemas.ROOT);
    if (o == null) {
      return null;
    }
    Str apiVersion = reader.text(o, "apiVersion");
    Str kind = reader.text(o, "kind");
    if (kind != null
        && !kind.value().equals(Document.WORKFLOW)
        && !kind.value().equals(Document.WORKFLOW_TEMPLATE)
        && !kind.value().equals(Document.CLUSTER_WORKFLOW_TEMPLATE)) {
      // Other kinds have other shapes: reading them as a Workflow would only add noise.
      return new Raw.Workflow(apiVersion, kind, null, null);
    }
    // Absence is reported here; a present value of the wrong type was reported by the reader.
    if (!o.has("metadata")) {
      reader
          .problems()
          .add(
              Pos.START,
              Code.MISSING_FIELD,
              "`metadata` with a `name` or `generateName` is required");
    }
    if (!o.has("spec")) {
      reader.problems().add(Pos.START, Code.MISSING_FIELD, "`spec` is required");
    }
    return new Raw.Workflow(apiVersion, kind, metadata(o), spec(o));
  }

  private Raw.Metadata metadata(Obj root) {
    Obj m = reader.object(root, "metadata", Schemas.METADATA);
    if (m == null) {
      return null;
    }
    return new Raw.Metadata(
        m.owner(),
        reader.text(m, "name"),
        reader.text(m, "generateName"),
        reader.text(m, "namespace"),
        reader.textMap(m, "labels"),
        reader.textMap(m, "annotations"));
  }

  /** {@code spec.artifactRepositoryRef}, or null. */
  private dev.targo.argo.plan.ArtifactRepositoryRef repositoryRef(Obj s) {
    Obj ref = reader.object(s, "artifactRepositoryRef", Schemas.ARTIFACT_REPOSITORY_REF);
    if (ref == null) {
      return null;
    }
    Str configMap = reader.text(ref, "configMap");
    Str key = reader.text(ref, "key");
    return new dev.targo.argo.plan.ArtifactRepositoryRef(
        configMap == null ? null : configMap.value(), key == null ? null : key.value());
  }

  private Raw.Spec spec(Obj root) {
    Obj s = reader.object(root, "spec", Schemas.SPEC);
    if (s == null) {
      return null;
    }
    Obj arguments = reader.object(s, "arguments", Schemas.ARGUMENTS);
    Reader retryReader = reader.collecting();
    Raw.RetryStrategy retryStrategy =
        TemplateReader.retryStrategy(
            retryReader, s.value("retryStrategy"), s.keyPos("retryStrategy"));
    Obj podGc = reader.object(s, "podGC", Schemas.POD_GC);
    Obj podMetadata = reader.object(s, "podMetadata", Schemas.POD_METADATA);
    ArtifactReader.gc(reader, s);
    return new Raw.Spec(
        s.owner(),
        reader.text(s, "entrypoint"),
        reader.text(s, "onExit"),
        arguments == null ? List.of() : parameters(reader, arguments, true),
        retryStrategy,
        retryReader.strings(),
        reader.scalar(s, "activeDeadlineSeconds", false),
        podGc == null ? null : reader.text(podGc, "strategy"),
        podGc == null ? null : reader.json(podGc, "labelSelector", Schemas.LABEL_SELECTOR),
        podGc == null ? null : reader.text(podGc, "deleteDelayDuration"),
        reader.text(s, "serviceAccountName"),
        templates(s),
        SyncReader.read(reader, s),
        reader.scalar(s, "parallelism", false),
        PodFieldsReader.workflow(reader, s),
        podMetadata == null ? Map.of() : reader.textMap(podMetadata, "labels"),
        podMetadata == null ? Map.of() : reader.textMap(podMetadata, "annotations"),
        workflowMetadata(s),
        new ArtifactReader(reader).read(arguments, ArtifactReader.Place.WORKFLOW_ARGUMENT),
        reader.bool(s, "archiveLogs"),
        repositoryRef(s),
        reader.scalar(s, "priority", false),
        reader.bool(s, "suspend"),
        ttlStrategy(s),
        hooks(s));
  }

  /** {@code spec.hooks}, in order. */
  private List<Raw.WorkflowHook> hooks(Obj spec) {
    Node hooks = spec.value("hooks");
    if (hooks == null) {
      return List.of();
    }
    if (!(hooks instanceof org.yaml.snakeyaml.nodes.MappingNode mapping)) {
      reader.wrongType(hooks, "`hooks` must be a mapping");
      return List.of();
    }
    List<Raw.WorkflowHook> out = new java.util.ArrayList<>();
    for (org.yaml.snakeyaml.nodes.NodeTuple t : mapping.getValue()) {
      if (!(t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key)) {
        continue;
      }
      Pos at = Pos.of(key.getStartMark());
      Obj h = reader.object(t.getValueNode(), at, "a lifecycle hook", Schemas.WORKFLOW_HOOK);
      if (h == null) {
        continue;
      }
      Obj arguments = reader.object(h, "arguments", Schemas.ARGUMENTS);
      out.add(
          new Raw.WorkflowHook(
              at,
              key.getValue(),
              reader.text(h, "template"),
              arguments == null ? null : parameters(reader, arguments),
              reader.text(h, "expression")));
    }
    return out;
  }

  private Raw.TtlStrategy ttlStrategy(Obj spec) {
    Obj ttl = reader.object(spec, "ttlStrategy", Schemas.TTL_STRATEGY);
    return ttl == null
        ? null
        : new Raw.TtlStrategy(
            reader.scalar(ttl, "secondsAfterCompletion", false),
            reader.scalar(ttl, "secondsAfterSuccess", false),
            reader.scalar(ttl, "secondsAfterFailure", false));
  }

  private Raw.WorkflowMetadata workflowMetadata(Obj spec) {
    Obj m = reader.object(spec, "workflowMetadata", Schemas.WORKFLOW_METADATA);
    if (m == null) {
      return new Raw.WorkflowMetadata(Map.of(), Map.of(), Map.of());
    }
    Map<Str, Str> labelsFrom = new java.util.LinkedHashMap<>();
    Node from = m.value("labelsFrom");
    if (from instanceof org.yaml.snakeyaml.nodes.MappingNode mapping) {
      for (org.yaml.snakeyaml.nodes.NodeTuple tuple : mapping.getValue()) {
        if (!(tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k)) {
          continue;
        }
        Pos keyPos = Pos.of(k.getStartMark());
        Obj value =
            reader.object(
                tuple.getValueNode(), keyPos, "`" + k.getValue() + "`", Schemas.LABEL_VALUE_FROM);
        Str expression = value == null ? null : reader.text(value, "expression");
        if (value != null && expression == null) {
          reader
              .problems()
              .add(
                  value.owner(),
                  Code.MISSING_FIELD,
                  "a label's `labelsFrom` needs an `expression`");
        }
        if (expression != null) {
          labelsFrom.put(new Str(k.getValue(), keyPos, k), expression);
        }
      }
    } else if (from != null) {
      reader.wrongType(from, "`labelsFrom` must be a mapping");
    }
    return new Raw.WorkflowMetadata(
        reader.textMap(m, "labels"), reader.textMap(m, "annotations"), labelsFrom);
  }

  private List<Raw.Template> templates(Obj spec) {
    Node defaults = spec.value("templateDefaults");
    MappingNode defaultsMapping = null;
    if (defaults != null) {
      // Read once on its own so that its problems are reported even where no template uses them.
      TemplateReader.read(reader, defaults, spec.keyPos("templateDefaults"), true);
      defaultsMapping = defaults instanceof MappingNode m ? m : null;
    }
    List<Raw.Template> templates = new ArrayList<>();
    List<Node> items = reader.list(spec, "templates");
    if (!spec.has("templates")
        || (items.isEmpty() && spec.value("templates") instanceof SequenceNode)) {
      reader
          .problems()
          .add(
              spec.keyPos("templates"),
              Code.MISSING_FIELD,
              "`spec.templates` must list at least one template");
    }
    for (Node item : items) {
      Node merged =
          defaultsMapping != null && item instanceof MappingNode m
              ? NodeMerge.templateDefaults(defaultsMapping, m)
              : item;
      Raw.Template template =
          TemplateReader.read(reader, merged, Pos.of(item.getStartMark()), false);
      if (template != null) {
        templates.add(template);
      }
    }
    return templates;
  }

  /** {@code valueFrom.configMapKeyRef} of a parameter, or null (problems reported). */
  private static dev.targo.argo.plan.ConfigMapKeyRef configMapKeyRef(Reader reader, Obj p) {
    Obj valueFrom = reader.object(p, "valueFrom", Schemas.PARAMETER_VALUE_FROM);
    if (valueFrom == null) {
      return null;
    }
    Str defaultValue = reader.scalar(valueFrom, "default", true);
    Obj ref = reader.object(valueFrom, "configMapKeyRef", Schemas.CONFIG_MAP_KEY_REF);
    if (ref == null) {
      if (!valueFrom.has("configMapKeyRef") && valueFrom.has("default")) {
        // Argo's validation: "default needs to be accompanied by ConfigMapKeyRef".
        reader
            .problems()
            .add(
                valueFrom.keyPos("default"),
                Code.INVALID_VALUE,
                "`valueFrom.default` needs a `configMapKeyRef` beside it");
      }
      return null;
    }
    Str name = reader.text(ref, "name");
    Str key = reader.text(ref, "key");
    if (Obj.missing(ref, "name", name) || Obj.missing(ref, "key", key)) {
      reader
          .problems()
          .add(ref.owner(), Code.MISSING_FIELD, "`configMapKeyRef` needs a `name` and a `key`");
      return null;
    }
    return new dev.targo.argo.plan.ConfigMapKeyRef(
        name.value(), key.value(), defaultValue == null ? null : defaultValue.value());
  }

  /** {@code parameters} of a step's or task's {@code arguments}. */
  static List<Raw.Parameter> parameters(Reader reader, Obj holder) {
    return parameters(reader, holder, false);
  }

  /**
   * {@code parameters} of an {@code arguments} or {@code inputs} object; with {@code configMaps}
   * (workflow arguments, inputs) a value may come from {@code valueFrom.configMapKeyRef}.
   */
  static List<Raw.Parameter> parameters(Reader reader, Obj holder, boolean configMaps) {
    List<Raw.Parameter> parameters = new ArrayList<>();
    for (Node item : reader.list(holder, "parameters")) {
      Obj p =
          reader.object(
              item,
              Pos.of(item.getStartMark()),
              "each item of `parameters`",
              configMaps ? Schemas.PARAMETER_FROM_CONFIG_MAP : Schemas.PARAMETER);
      if (p == null) {
        continue;
      }
      Str name = reader.text(p, "name");
      if (Obj.missing(p, "name", name)) {
        reader.problems().add(p.owner(), Code.MISSING_FIELD, "a parameter needs a `name`");
      }
      if (name == null) {
        continue;
      }
      List<Str> enumValues = null;
      if (p.has("enum")) {
        enumValues = new ArrayList<>();
        for (Node value : reader.list(p, "enum")) {
          Str s = reader.scalar(value, "each item of `enum`", true);
          if (s != null) {
            enumValues.add(s);
          }
        }
      }
      parameters.add(
          new Raw.Parameter(
              p.owner(),
              name,
              reader.scalar(p, "value", true),
              reader.scalar(p, "default", true),
              reader.scalar(p, "description", true),
              enumValues,
              p.has("valueFrom"),
              configMaps ? configMapKeyRef(reader, p) : null));
    }
    return parameters;
  }
}
