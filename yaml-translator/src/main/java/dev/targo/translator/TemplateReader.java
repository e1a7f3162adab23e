package dev.targo.translator;

import dev.targo.argo.plan.ContainerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

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
    // Read before the template's strings are taken: their references are checked with them.
    Raw.Memoize memoize = memoize(t);
    java.util.Map<Str, Str> annotations = reader.textMap(t, "annotations");
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
        archiveLogs(t),
        http(t),
        memoize,
        annotations,
        reader.scalar(t, "pendingTimeout", false),
        reader.bool(t, "daemon"),
        t.keyPos("daemon"));
  }

  /** {@code http}, or null. */
  private Raw.Http http(Obj t) {
    Obj http = reader.object(t, "http", Schemas.HTTP);
    if (http == null) {
      return null;
    }
    List<Str[]> headers = new ArrayList<>();
    for (Node h : reader.list(http, "headers")) {
      Obj header =
          reader.object(h, Pos.of(h.getStartMark()), "a header", Schemas.HTTP_TEMPLATE_HEADER);
      if (header != null) {
        Str name = reader.text(header, "name");
        if (Obj.missing(header, "name", name)) {
          reader
              .problems()
              .add(header.owner(), Code.MISSING_FIELD, "a header's `name` is required");
        }
        headers.add(new Str[] {name, reader.text(header, "value")});
      }
    }
    Str url = reader.text(http, "url");
    if (!defaults && Obj.missing(http, "url", url)) {
      reader.problems().add(http.owner(), Code.MISSING_FIELD, "`http.url` is required");
    }
    return new Raw.Http(
        t.keyPos("http"),
        reader.text(http, "method"),
        url,
        headers,
        reader.text(http, "body"),
        reader.scalar(http, "timeoutSeconds", false),
        reader.text(http, "successCondition"),
        reader.bool(http, "insecureSkipVerify"));
  }

  /**
   * {@code memoize}, or null: its {@code key} and {@code cache.configMap.name} are required (Argo's
   * cache refuses an empty key; its operator reads the cache's name without a check); {@code
   * maxAge} may be left out (no limit), as Argo's operator reads an empty one.
   */
  private Raw.Memoize memoize(Obj t) {
    Obj m = reader.object(t, "memoize", Schemas.MEMOIZE);
    if (m == null) {
      return null;
    }
    Str key = reader.text(m, "key");
    if (Obj.missing(m, "key", key)) {
      reader.problems().add(m.keyPos("key"), Code.MISSING_FIELD, "`memoize` needs a `key`");
    }
    Str maxAge = reader.text(m, "maxAge");
    Obj cache = reader.object(m, "cache", Schemas.CACHE);
    Obj configMap =
        cache == null ? null : reader.object(cache, "configMap", Schemas.CACHE_CONFIG_MAP);
    Str name = configMap == null ? null : reader.text(configMap, "name");
    // A field of the wrong type, or misspelt (an unknown field), is reported as such, not again as
    // missing.
    boolean reported =
        (cache == null && m.has("cache"))
            || (cache != null && configMap == null && !cache.isEmpty())
            || (configMap != null && !configMap.has("name") && !configMap.isEmpty());
    if (!reported && (configMap == null || Obj.missing(configMap, "name", name))) {
      Pos at = configMap != null ? configMap.owner() : cache != null ? cache.owner() : m.owner();
      reader
          .problems()
          .add(
              at,
              Code.MISSING_FIELD,
              "`memoize` needs a `cache.configMap.name`: the cache its outputs are kept in");
    }
    return new Raw.Memoize(t.keyPos("memoize"), key, maxAge, name);
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
        flags,
        Boolean.TRUE.equals(reader.bool(r, "setOwnerReference")));
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
              "template type unspecified: give it a `container`, `script`, `containerSet`,"
                  + " `steps`, `dag`, `suspend`, `http` or `resource`");
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
    Obj set = reader.object(t, "containerSet", Schemas.CONTAINER_SET);
    if (set != null) {
      Raw.ContainerSet read = containerSet(set, t.keyPos("containerSet"));
      body = body != null ? body : new Raw.Body(false, null, null, read);
    }
    return body;
  }

  /** {@code containerSet}: its containers with their names and dependencies, mounts, retries. */
  private Raw.ContainerSet containerSet(Obj set, Pos pos) {
    List<Raw.SetContainer> containers = new ArrayList<>();
    for (Node item : reader.list(set, "containers")) {
      Obj c =
          reader.object(
              item,
              Pos.of(item.getStartMark()),
              "each item of `containerSet.containers`",
              Schemas.CONTAINER_NODE);
      if (c == null) {
        continue;
      }
      Str name = reader.text(c, "name");
      List<Str> dependencies = new ArrayList<>();
      for (Node d : reader.list(c, "dependencies")) {
        Str dependency = reader.text(d, "each item of `dependencies`");
        if (dependency != null) {
          dependencies.add(dependency);
        }
      }
      containers.add(new Raw.SetContainer(c.owner(), name, containerFields(c), dependencies));
    }
    List<Str> mountPaths = new ArrayList<>();
    if (set.value("volumeMounts") instanceof SequenceNode mounts) {
      // Positions of the mount paths, for Argo's check that no two are the same; the mounts
      // themselves are read (and checked) below.
      for (Node mount : mounts.getValue()) {
        if (mount instanceof MappingNode m) {
          for (NodeTuple tuple : m.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key
                && key.getValue().equals("mountPath")
                && tuple.getValueNode() instanceof ScalarNode path) {
              mountPaths.add(new Str(path.getValue(), Pos.of(path.getStartMark()), path));
            }
          }
        }
      }
    }
    Obj retry = reader.object(set, "retryStrategy", Schemas.CONTAINER_SET_RETRY);
    return new Raw.ContainerSet(
        pos,
        containers,
        set.keyPos("containers"),
        reader.jsonList(set, "volumeMounts", Schemas.VOLUME_MOUNT),
        mountPaths,
        retry == null
            ? null
            : new Raw.SetRetry(
                set.keyPos("retryStrategy"),
                reader.scalar(retry, "retries", false),
                reader.text(retry, "duration")));
  }

  private ContainerSpec container(Obj c) {
    // Argo names the main container `main` whatever is written here; it is read and dropped.
    reader.text(c, "name");
    return containerFields(c);
  }

  /** The fields of a Kubernetes container but its name. */
  private ContainerSpec containerFields(Obj c) {
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
        pullPolicy == null ? null : pullPolicy.value(),
        reader.json(c, "readinessProbe", Schemas.PROBE));
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
                reader.scalar(b, "maxDuration", false),
                reader.scalar(b, "jitter", false));
    Obj a = reader.object(o, "affinity", Schemas.RETRY_AFFINITY);
    Pos antiAffinity = null;
    Str antiAffinityType = null;
    Str topologyKey = null;
    Str maxExcluded = null;
    Str exclusion = null;
    Str relaxAfter = null;
    if (a != null && a.has("nodeAntiAffinity")) {
      Obj anti = reader.object(a, "nodeAntiAffinity", Schemas.NODE_ANTI_AFFINITY);
      antiAffinity = anti == null ? null : a.keyPos("nodeAntiAffinity");
      antiAffinityType = anti == null ? null : reader.text(anti, "type");
      topologyKey = anti == null ? null : reader.text(anti, "topologyKey");
      maxExcluded = anti == null ? null : reader.scalar(anti, "maxExcluded", false);
      exclusion = anti == null ? null : reader.text(anti, "expression");
      relaxAfter = anti == null ? null : reader.scalar(anti, "relaxAfter", false);
    }
    return new Raw.RetryStrategy(
        o.owner(),
        reader.scalar(o, "limit", false),
        reader.text(o, "retryPolicy"),
        backoff,
        a == null ? null : a.owner(),
        antiAffinity,
        reader.text(o, "expression"),
        antiAffinityType,
        topologyKey,
        onOOMKilled(reader, o),
        maxExcluded,
        exclusion,
        relaxAfter);
  }

  /** {@code retryStrategy.onOOMKilled} (targo extension), or null when absent. */
  private static Raw.OnOOMKilled onOOMKilled(Reader reader, Obj retry) {
    Obj o = reader.object(retry, "onOOMKilled", Schemas.ON_OOM_KILLED);
    if (o == null) {
      return null;
    }
    Obj memory = reader.object(o, "memory", Schemas.ON_OOM_KILLED_MEMORY);
    return new Raw.OnOOMKilled(
        retry.keyPos("onOOMKilled"),
        memory == null ? null : o.keyPos("memory"),
        memory == null ? null : reader.scalar(memory, "factor", false),
        memory == null ? null : reader.scalar(memory, "max", false));
  }
}
