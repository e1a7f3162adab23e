package dev.targo.translator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads what steps and dag templates add: {@code steps}, {@code dag}, and {@code outputs}. Each
 * step and task is read with its own collecting reader, so that its strings are checked in its own
 * scope (what earlier steps or the tasks it depends on provide, and {@code item} in a loop).
 */
final class FlowReader {
  private static final List<String> LOOPS = List.of("withItems", "withParam", "withSequence");

  private final Reader reader;

  FlowReader(Reader reader) {
    this.reader = reader;
  }

  /** {@code steps}: a list of lists of steps. */
  List<List<Raw.Step>> steps(Obj template) {
    List<List<Raw.Step>> groups = new ArrayList<>();
    for (Node group : reader.list(template, "steps")) {
      if (!(group instanceof SequenceNode sequence)) {
        reader.wrongType(group, "each item of `steps` must be a list of parallel steps");
        continue;
      }
      List<Raw.Step> steps = new ArrayList<>();
      for (Node item : sequence.getValue()) {
        Raw.Step step = step(item);
        if (step != null) {
          steps.add(step);
        }
      }
      groups.add(steps);
    }
    return groups;
  }

  private Raw.Step step(Node node) {
    Reader r = reader.collecting();
    Obj s = r.object(node, Pos.of(node.getStartMark()), "each step", Schemas.STEP);
    if (s == null) {
      return null;
    }
    Str name = required(r, s, "name", "a step needs a `name`");
    Str template = template(r, s, "a step needs a `template`");
    List<dev.targo.argo.plan.Artifact> artifacts = argumentArtifacts(r, s);
    return new Raw.Step(
        s.owner(),
        name,
        template,
        arguments(r, s),
        r.text(s, "when"),
        loop(r, s),
        continueOn(r, s),
        r.strings(),
        artifacts,
        exitHook(r, s),
        hooks(s));
  }

  /** {@code dag}, or null when absent. */
  Raw.Dag dag(Obj template) {
    Obj d = reader.object(template, "dag", Schemas.DAG);
    if (d == null) {
      return null;
    }
    List<Raw.Task> tasks = new ArrayList<>();
    for (Node item : reader.list(d, "tasks")) {
      Raw.Task task = task(item);
      if (task != null) {
        tasks.add(task);
      }
    }
    return new Raw.Dag(d.owner(), tasks, reader.text(d, "target"), reader.bool(d, "failFast"));
  }

  private Raw.Task task(Node node) {
    Reader r = reader.collecting();
    Obj t = r.object(node, Pos.of(node.getStartMark()), "each task", Schemas.TASK);
    if (t == null) {
      return null;
    }
    Str name = required(r, t, "name", "a task needs a `name`");
    Str template = template(r, t, "a task needs a `template`");
    List<Str> dependencies = null;
    if (t.has("dependencies")) {
      dependencies = new ArrayList<>();
      for (Node item : r.list(t, "dependencies")) {
        Str dependency = r.text(item, "each item of `dependencies`");
        if (dependency != null) {
          dependencies.add(dependency);
        }
      }
    }
    List<dev.targo.argo.plan.Artifact> artifacts = argumentArtifacts(r, t);
    return new Raw.Task(
        t.owner(),
        name,
        template,
        arguments(r, t),
        dependencies,
        t.keyPos("dependencies"),
        r.text(t, "depends"),
        r.text(t, "when"),
        loop(r, t),
        continueOn(r, t),
        r.strings(),
        artifacts,
        exitHook(r, t),
        hooks(t));
  }

  /**
   * The exit hook of a step or task: {@code onExit} (which Argo's {@code GetExitHook} prefers), or
   * {@code hooks.exit}; null without one. Other lifecycle hooks (run when an {@code expression}
   * holds) are reported as not supported. The hook's strings are kept apart: they may name the
   * step's own outputs, which its other fields may not.
   */
  private Raw.Hook exitHook(Reader r, Obj o) {
    Str onExit = r.text(o, "onExit");
    Raw.Hook hook = null;
    if (o.value("hooks") instanceof org.yaml.snakeyaml.nodes.MappingNode hooks) {
      for (org.yaml.snakeyaml.nodes.NodeTuple t : hooks.getValue()) {
        if (!(t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key)) {
          continue;
        }
        Pos at = Pos.of(key.getStartMark());
        if (!key.getValue().equals("exit")) {
          continue; // read by hooks(…)
        }
        Reader hr = reader.collecting();
        Obj e = hr.object(t.getValueNode(), at, "the exit hook", Schemas.LIFECYCLE_HOOK);
        if (e == null) {
          continue;
        }
        Str template = required(hr, e, "template", "an exit hook needs a `template`");
        hook = new Raw.Hook(at, template, arguments(hr, e), hr.strings());
      }
    } else if (o.value("hooks") != null) {
      r.problems().add(o.keyPos("hooks"), Code.WRONG_TYPE, "`hooks` must be a mapping");
    }
    if (onExit != null && !onExit.value().isEmpty()) {
      return new Raw.Hook(onExit.pos(), onExit, null, List.of());
    }
    return hook;
  }

  /**
   * A step's or task's lifecycle hooks other than {@code exit}, in order: each with its own
   * strings, which may name the step's own outputs (checked by {@code Calls.hooks}).
   */
  private List<Raw.StepHook> hooks(Obj o) {
    if (!(o.value("hooks") instanceof org.yaml.snakeyaml.nodes.MappingNode hooks)) {
      return List.of();
    }
    List<Raw.StepHook> out = new java.util.ArrayList<>();
    for (org.yaml.snakeyaml.nodes.NodeTuple t : hooks.getValue()) {
      if (!(t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode key)
          || key.getValue().equals("exit")) {
        continue;
      }
      Pos at = Pos.of(key.getStartMark());
      Reader hr = reader.collecting();
      Obj h = hr.object(t.getValueNode(), at, "a lifecycle hook", Schemas.WORKFLOW_HOOK);
      if (h == null) {
        continue;
      }
      Str template = hr.text(h, "template");
      Str expression = hr.text(h, "expression");
      out.add(
          new Raw.StepHook(
              at,
              key.getValue(),
              template,
              h.value("arguments") == null ? null : arguments(hr, h),
              expression,
              hr.strings()));
    }
    return out;
  }

  private static Str required(Reader r, Obj o, String key, String message) {
    Str value = r.text(o, key);
    if (Obj.missing(o, key, value)) {
      r.problems().add(o.owner(), Code.MISSING_FIELD, message);
    }
    return value;
  }

  /** {@code template}; not missing when an unsupported alternative was written instead. */
  private static Str template(Reader r, Obj o, String message) {
    if (o.has("templateRef") || o.has("inline")) {
      return r.text(o, "template");
    }
    return required(r, o, "template", message);
  }

  private static List<Raw.Parameter> arguments(Reader r, Obj o) {
    Obj arguments = r.object(o, "arguments", Schemas.ARGUMENTS);
    return arguments == null ? List.of() : WorkflowReader.parameters(r, arguments);
  }

  /**
   * {@code arguments.artifacts}; the keys of {@code arguments} were checked by {@link #arguments}.
   */
  private static List<dev.targo.argo.plan.Artifact> argumentArtifacts(Reader r, Obj o) {
    Obj arguments = Reader.quiet(o, "arguments");
    return new ArtifactReader(r).read(arguments, ArtifactReader.Place.ARGUMENT);
  }

  /** {@code outputs.artifacts} of a template; the keys of {@code outputs} are checked elsewhere. */
  List<dev.targo.argo.plan.Artifact> outputArtifacts(Obj template, boolean pod) {
    Obj outputs = Reader.quiet(template, "outputs");
    return new ArtifactReader(reader)
        .read(outputs, pod ? ArtifactReader.Place.POD_OUTPUT : ArtifactReader.Place.FLOW_OUTPUT);
  }

  /** The loop, or null; Argo allows one of the three. */
  private static Raw.Loop loop(Reader r, Obj o) {
    List<String> written = LOOPS.stream().filter(o::has).toList();
    if (written.size() > 1) {
      r.problems()
          .add(
              o.keyPos(written.get(1)),
              Code.INVALID_VALUE,
              "only one of withItems, withParam, withSequence can be specified");
    }
    if (written.isEmpty()) {
      return null;
    }
    String kind = written.get(0);
    Pos pos = o.keyPos(kind);
    return switch (kind) {
      case "withItems" -> {
        List<JsonNode> items = new ArrayList<>();
        for (Node item : r.list(o, "withItems")) {
          items.add(r.json(item));
        }
        yield new Raw.Loop(pos, items, null, null);
      }
      case "withParam" -> new Raw.Loop(pos, null, r.text(o, "withParam"), null);
      default -> {
        Obj q = r.object(o, "withSequence", Schemas.SEQUENCE);
        Raw.Sequence sequence =
            q == null
                ? null
                : new Raw.Sequence(
                    q.owner(),
                    r.scalar(q, "count", false),
                    r.scalar(q, "start", false),
                    r.scalar(q, "end", false),
                    r.text(q, "format"));
        yield new Raw.Loop(pos, null, null, sequence);
      }
    };
  }

  private static Raw.ContinueOn continueOn(Reader r, Obj o) {
    Obj c = r.object(o, "continueOn", Schemas.CONTINUE_ON);
    if (c == null) {
      return null;
    }
    return new Raw.ContinueOn(
        c.owner(),
        Boolean.TRUE.equals(r.bool(c, "failed")),
        Boolean.TRUE.equals(r.bool(c, "error")));
  }

  /** {@code outputs.parameters}. */
  /** Where {@code valueFrom.supplied} is, or null; Argo's {@code SuppliedValueFrom} is empty. */
  private Pos supplied(Obj valueFrom) {
    if (!valueFrom.has("supplied")) {
      return null;
    }
    reader.object(valueFrom, "supplied", Schemas.SUPPLIED);
    return valueFrom.keyPos("supplied");
  }

  List<Raw.Output> outputs(Obj template) {
    Obj outputs = reader.object(template, "outputs", Schemas.OUTPUTS);
    List<Raw.Output> parameters = new ArrayList<>();
    if (outputs == null) {
      return parameters;
    }
    for (Node item : reader.list(outputs, "parameters")) {
      Obj p =
          reader.object(
              item,
              Pos.of(item.getStartMark()),
              "each item of `parameters`",
              Schemas.OUTPUT_PARAMETER);
      if (p == null) {
        continue;
      }
      Str name = required(reader, p, "name", "a parameter needs a `name`");
      if (name == null) {
        continue;
      }
      Obj v = reader.object(p, "valueFrom", Schemas.VALUE_FROM);
      parameters.add(
          new Raw.Output(
              p.owner(),
              name,
              reader.scalar(p, "value", true),
              v == null ? null : p.keyPos("valueFrom"),
              v == null ? null : reader.text(v, "path"),
              v == null ? null : reader.text(v, "parameter"),
              v == null ? null : reader.scalar(v, "default", true),
              v != null && Schemas.VALUE_FROM.unsupported().stream().anyMatch(v::has),
              reader.scalar(p, "description", true),
              v == null ? null : reader.text(v, "expression"),
              v == null ? null : supplied(v),
              v == null ? null : reader.text(v, "jsonPath"),
              reader.text(p, "globalName")));
    }
    return parameters;
  }
}
