package dev.targo.translator;

import dev.targo.argo.plan.ContainerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one template (or {@code spec.templateDefaults}) into {@link Raw.Template}. */
final class TemplateReader {
  private static final Set<String> PULL_POLICIES = Set.of("Always", "Never", "IfNotPresent");

  private final Reader reader;
  private final boolean defaults;

  private TemplateReader(Reader reader, boolean defaults) {
    this.reader = reader;
    this.defaults = defaults;
  }

  /**
   * The template at {@code node}, or null when it is not a mapping. With {@code defaults} the node
   * is {@code spec.templateDefaults}: no field is required there.
   */
  static Raw.Template read(Reader parent, Node node, Pos owner, boolean defaults) {
    return new TemplateReader(parent.collecting(), defaults).template(node, owner);
  }

  private Raw.Template template(Node node, Pos owner) {
    Schema schema = defaults ? Schemas.TEMPLATE_DEFAULTS : Schemas.TEMPLATE;
    String subject = defaults ? "`templateDefaults`" : "each item of `templates`";
    Obj t = reader.object(node, owner, subject, schema);
    if (t == null) {
      return null;
    }
    Str name = reader.text(t, "name");
    if (!defaults && Obj.missing(t, "name", name)) {
      reader.problems().add(t.owner(), Code.MISSING_FIELD, "a template needs a `name`");
    }
    Raw.Body body = body(t);
    Obj inputs = reader.object(t, "inputs", Schemas.INPUTS);
    Obj metadata = reader.object(t, "metadata", Schemas.POD_METADATA);
    FlowReader flows = new FlowReader(reader);
    List<List<Raw.Step>> steps = t.has("steps") ? flows.steps(t) : null;
    Raw.Dag dag = flows.dag(t);
    Reader outputReader = reader.collecting();
    List<Raw.Output> outputs = new FlowReader(outputReader).outputs(t);
    boolean pod = body != null || (steps == null && dag == null);
    ArtifactReader inputArtifactReader = new ArtifactReader(reader);
    List<dev.targo.argo.plan.Artifact> inputArtifacts =
        inputArtifactReader.read(
            inputs, pod ? ArtifactReader.Place.POD_INPUT : ArtifactReader.Place.FLOW_INPUT);
    List<dev.targo.argo.plan.Artifact> outputArtifacts =
        new FlowReader(outputReader).outputArtifacts(t, pod);
    return new Raw.Template(
        t.owner(),
        name,
        body,
        inputs == null ? List.of() : WorkflowReader.parameters(reader, inputs, true),
        retryStrategy(reader, t.value("retryStrategy"), t.keyPos("retryStrategy")),
        reader.scalar(t, "activeDeadlineSeconds", false),
        reader.scalar(t, "timeout", false),
        reader.textMap(t, "nodeSelector"),
        AffinityReader.read(reader, t),
        reader.jsonList(t, "tolerations", Schemas.TOLERATION),
        metadata == null ? java.util.Map.of() : reader.textMap(metadata, "labels"),
        metadata == null ? java.util.Map.of() : reader.textMap(metadata, "annotations"),
        reader.text(t, "podSpecPatch"),
        reader.text(t, "serviceAccountName"),
        reader.strings(),
        steps,
        dag,
        outputs,
        outputReader.strings(),
        reader.scalar(t, "parallelism", false),
        reader.bool(t, "failFast"),
        t.keyPos("failFast"),
        SyncReader.read(reader, t),
        suspend(t),
        resource(t),
        PodFieldsReader.template(reader, t),
        inputArtifacts,
        outputArtifacts,
        inputArtifactReader.foreign(),
        archiveLogs(t));
  }

  /** {@code archiveLocation.archiveLogs}, or null. */
  private Boolean archiveLogs(Obj t) {
    Obj location = reader.object(t, "archiveLocation", Schemas.ARCHIVE_LOCATION);
    return location == null ? null : reader.bool(location, "archiveLogs");
  }

  /** {@code suspend}, or null. */
  private Raw.Suspend suspend(Obj t) {
    Obj suspend = reader.object(t, "suspend", Schemas.SUSPEND);
    if (suspend == null) {
      return null;
    }
    // Argo's `duration` is a string (`duration: 20` does not unmarshal): quoted, as Argo asks.
    return new Raw.Suspend(t.keyPos("suspend"), reader.text(suspend, "duration"));
  }

  /** {@code resource}, or null. */
  private Raw.Resource resource(Obj t) {
    Obj r = reader.object(t, "resource", Schemas.RESOURCE);
    if (r == null) {
      return null;
    }
    List<Str> flags = new ArrayList<>();
    for (Node flag : reader.list(r, "flags")) {
      Str text = reader.text(flag, "each item of `flags`");
      if (text != null) {
        flags.add(text);
      }
    }
    return new Raw.Resource(
        t.keyPos("resource"),
        reader.text(r, "action"),
        reader.text(r, "mergeStrategy"),
        reader.text(r, "manifest"),
        reader.text(r, "successCondition"),
        reader.text(r, "failureCondition"),
        flags);
  }

  /** The container or script (null for other kinds); reports a missing or doubled template kind. */
  private Raw.Body body(Obj t) {
    List<String> kinds = new ArrayList<>();
    for (String kind : Schemas.KINDS) {
      if (t.has(kind)) {
        kinds.add(kind);
      }
    }
    List<String> unsupported = new ArrayList<>();
    for (String kind : Schemas.UNSUPPORTED_KINDS) {
      if (t.has(kind)) {
        unsupported.add(kind);
      }
    }
    if (!defaults && kinds.size() + unsupported.size() > 1) {
      List<String> all = new ArrayList<>(kinds);
      all.addAll(unsupported);
      reader
          .problems()
          .add(
              t.keyPos(all.get(1)),
              Code.INVALID_VALUE,
              "a template has exactly one type; this one has `"
                  + String.join("` and `", all)
                  + "`");
    }
    if (!defaults && kinds.isEmpty() && unsupported.isEmpty()) {
      reader
          .problems()
          .add(
              t.owner(),
              Code.MISSING_FIELD,
              "template type unspecified: give it a `container`, `script`, `steps`, `dag`,"
                  + " `suspend` or `resource`");
    }
    Raw.Body body = null;
    Obj container = reader.object(t, "container", Schemas.CONTAINER);
    if (container != null) {
      body = new Raw.Body(false, container(container), null);
    }
    Obj script = reader.object(t, "script", Schemas.SCRIPT);
    if (script != null) {
      ContainerSpec spec = container(script);
      Str source = reader.text(script, "source");
      body = body != null ? body : new Raw.Body(true, spec, source);
    }
    return body;
  }

  private ContainerSpec container(Obj c) {
    // Argo names the main container `main` whatever is written here; it is read and dropped.
    reader.text(c, "name");
    Str image = reader.text(c, "image");
    if (!defaults && Obj.missing(c, "image", image)) {
      reader.problems().add(c.owner(), Code.MISSING_FIELD, "`image` is required");
    }
    Str pullPolicy = reader.text(c, "imagePullPolicy");
    if (pullPolicy != null && !PULL_POLICIES.contains(pullPolicy.value())) {
      reader
          .problems()
          .add(
              pullPolicy.pos(),
              Code.INVALID_VALUE,
              "`imagePullPolicy` must be Always, Never or IfNotPresent, not `"
                  + pullPolicy.value()
                  + "`"
                  + Suggest.didYouMean(pullPolicy.value(), PULL_POLICIES));
    }
    Str workingDir = reader.text(c, "workingDir");
    return new ContainerSpec(
        image == null ? null : image.value(),
        reader.texts(c, "command"),
        reader.texts(c, "args"),
        env(c),
        workingDir == null ? null : workingDir.value(),
        reader.json(c, "resources", Schemas.RESOURCES),
        reader.jsonList(c, "volumeMounts", Schemas.VOLUME_MOUNT),
        reader.json(c, "securityContext", Schemas.SECURITY_CONTEXT),
        pullPolicy == null ? null : pullPolicy.value());
  }

  private List<ContainerSpec.EnvVar> env(Obj c) {
    List<ContainerSpec.EnvVar> env = new ArrayList<>();
    for (Node item : reader.list(c, "env")) {
      Obj e =
          reader.object(item, Pos.of(item.getStartMark()), "each item of `env`", Schemas.ENV_VAR);
      if (e == null) {
        continue;
      }
      Str name = reader.text(e, "name");
      if (Obj.missing(e, "name", name)) {
        reader.problems().add(e.owner(), Code.MISSING_FIELD, "an env entry needs a `name`");
      }
      if (name == null) {
        continue;
      }
      Str value = reader.text(e, "value");
      env.add(
          new ContainerSpec.EnvVar(
              name.value(),
              value == null ? null : value.value(),
              reader.json(e, "valueFrom", Schemas.ENV_VALUE_FROM)));
    }
    return env;
  }

  /** A {@code retryStrategy} at {@code node}, or null when absent. */
  static Raw.RetryStrategy retryStrategy(Reader reader, Node node, Pos owner) {
    Obj o = reader.object(node, owner, "`retryStrategy`", Schemas.RETRY_STRATEGY);
    if (o == null) {
      return null;
    }
    Obj b = reader.object(o, "backoff", Schemas.BACKOFF);
    Raw.Backoff backoff =
        b == null
            ? null
            : new Raw.Backoff(
                b.owner(),
                reader.scalar(b, "duration", false),
                reader.scalar(b, "factor", false),
                reader.scalar(b, "cap", false),
                reader.scalar(b, "maxDuration", false));
    Obj a = reader.object(o, "affinity", Schemas.RETRY_AFFINITY);
    Pos antiAffinity = null;
    if (a != null && a.has("nodeAntiAffinity")) {
      Obj anti = reader.object(a, "nodeAntiAffinity", Schemas.NODE_ANTI_AFFINITY);
      antiAffinity = anti == null ? null : a.keyPos("nodeAntiAffinity");
    }
    return new Raw.RetryStrategy(
        o.owner(),
        reader.scalar(o, "limit", false),
        reader.text(o, "retryPolicy"),
        backoff,
        a == null ? null : a.owner(),
        antiAffinity,
        reader.text(o, "expression"));
  }
}
