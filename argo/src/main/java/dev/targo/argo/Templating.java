package dev.targo.argo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.expr.Expr;
import dev.targo.argo.expr.ExprException;
import dev.targo.argo.plan.Affinity;
import dev.targo.argo.plan.ContainerSetRetry;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.DagTask;
import dev.targo.argo.plan.ExitHook;
import dev.targo.argo.plan.LifecycleHook;
import dev.targo.argo.plan.Loop;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.PodFields;
import dev.targo.argo.plan.PodMetadata;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.Step;
import dev.targo.argo.plan.StepGroup;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Argo's {@code {{…}}} simple-template substitution (fasttemplate with Argo's tag function). Pure.
 * A tag's name is trimmed before lookup, so {@code {{ retries }}} works; references absent from the
 * variables are left exactly as written (the translator reports unknown references at lint time); a
 * {@code {{} without a closing {@code }}} is plain text. An expression tag {@code {{=…}}} is
 * evaluated once every variable it reads is known (until then it is left as written), and a failed
 * evaluation throws {@link TemplatingException}. Argo substitutes inside the template's JSON text
 * and so escapes values for JSON; targo substitutes field by field and inserts values verbatim,
 * which gives the same field values.
 */
public final class Templating {
  private Templating() {}

  private static final String OPEN = "{{";
  private static final String CLOSE = "}}";

  /** Replaces every {@code {{ name }}} in {@code text} whose name is in {@code vars}. */
  public static String substitute(String text, Map<String, String> vars) {
    if (text == null || !text.contains(OPEN)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int pos = 0;
    while (true) {
      int open = text.indexOf(OPEN, pos);
      if (open < 0) {
        break;
      }
      int close = text.indexOf(CLOSE, open + OPEN.length());
      if (close < 0) {
        break;
      }
      out.append(text, pos, open);
      String tag = text.substring(open + OPEN.length(), close);
      String value =
          tag.startsWith("=") ? expression(tag.substring(1), vars) : vars.get(tag.strip());
      out.append(value != null ? value : OPEN + tag + CLOSE);
      pos = close + CLOSE.length();
    }
    return out.append(text, pos, text.length()).toString();
  }

  private static String expression(String source, Map<String, String> vars) {
    try {
      return Expr.template(source, vars);
    } catch (ExprException e) {
      throw new TemplatingException(e.argoText());
    }
  }

  /** The trimmed names referenced by {@code {{…}}} in {@code text}, in order of appearance. */
  public static List<String> references(String text) {
    List<String> names = new ArrayList<>();
    if (text == null) {
      return names;
    }
    int pos = 0;
    while (true) {
      int open = text.indexOf(OPEN, pos);
      int close = open < 0 ? -1 : text.indexOf(CLOSE, open + OPEN.length());
      if (close < 0) {
        return names;
      }
      names.add(text.substring(open + OPEN.length(), close).strip());
      pos = close + CLOSE.length();
    }
  }

  /**
   * {@code template} with every string field substituted, as Argo substitutes the whole template:
   * container fields (JSON pass-through fields included), script source, the arguments, conditions
   * and loops of steps and tasks, a DAG's target, retry strategy, deadlines, node selector,
   * affinity, tolerations, pod metadata values, podSpecPatch, service account, input parameter
   * values, output parameters, {@code memoize} and the template's {@code annotations}. Names (of
   * the template, its steps and tasks, the templates they call) and map keys are kept.
   */
  public static Template substitute(Template template, Map<String, String> given) {
    Map<String, String> vars =
        inputsFirst(
            Artifacts.withPaths(
                template.inputArtifacts(), template.outputArtifacts(), template.outputs(), given));
    UnaryOperator<String> s = text -> substitute(text, vars);
    return new Template(
        template.name(),
        body(template.body(), s),
        parameters(template.inputs(), s),
        retryStrategy(template.retryStrategy(), s),
        s.apply(template.activeDeadlineSeconds()),
        s.apply(template.timeout()),
        values(template.nodeSelector(), s),
        affinity(template.affinity(), s),
        template.tolerations().stream().map(t -> json(t, s)).toList(),
        new PodMetadata(
            values(template.metadata().labels(), s), values(template.metadata().annotations(), s)),
        s.apply(template.podSpecPatch()),
        s.apply(template.serviceAccountName()),
        template.outputs().stream()
            .map(
                o ->
                    new OutputParameter(
                        o.name(),
                        s.apply(o.path()),
                        s.apply(o.parameter()),
                        s.apply(o.value()),
                        s.apply(o.defaultValue()),
                        o.description(),
                        o.expression(),
                        o.supplied(),
                        o.jsonPath()))
            .toList(),
        template.parallelism(),
        template.failFast(),
        template.synchronization(),
        pod(template.pod(), s),
        Artifacts.boundInputs(template.inputArtifacts(), vars, s),
        template.outputArtifacts().stream().map(a -> a.substituted(s)).toList(),
        template.archiveLogs(),
        template.artifactRepositoryRef(),
        memoize(template.memoize(), s),
        values(template.annotations(), s),
        s.apply(template.pendingTimeout()),
        template.daemon());
  }

  /** {@code memoize} with its key, max age and cache name substituted, as Argo's whole template. */
  private static dev.targo.argo.plan.Memoize memoize(
      dev.targo.argo.plan.Memoize m, UnaryOperator<String> s) {
    return m == null
        ? null
        : new dev.targo.argo.plan.Memoize(
            s.apply(m.key()), s.apply(m.maxAge()), s.apply(m.cache()));
  }

  /** Every string of the pod-level fields substituted, as Argo substitutes the whole template. */
  private static PodFields pod(PodFields p, UnaryOperator<String> s) {
    if (p == null) {
      return null;
    }
    UnaryOperator<List<JsonNode>> all = list -> list.stream().map(n -> json(n, s)).toList();
    return new PodFields(
        all.apply(p.volumes()),
        all.apply(p.volumeClaimTemplates()),
        all.apply(p.imagePullSecrets()),
        s.apply(p.dnsPolicy()),
        json(p.dnsConfig(), s),
        all.apply(p.hostAliases()),
        p.automountServiceAccountToken(),
        s.apply(p.priorityClassName()),
        json(p.podResources(), s),
        all.apply(p.resourceClaims()),
        s.apply(p.workflowPodSpecPatch()),
        json(p.podDisruptionBudget(), s),
        all.apply(p.initContainers()),
        all.apply(p.sidecars()));
  }

  /**
   * Argo's {@code SubstituteParams} replaces in two passes: the other variables first (so input
   * values that reference workflow parameters, or {@code {{=…}}} over them, are resolved), then the
   * inputs. The same here: {@code inputs.parameters.*} values are substituted with the other
   * variables before the template is.
   */
  private static Map<String, String> inputsFirst(Map<String, String> vars) {
    Map<String, String> others = null;
    Map<String, String> out = null;
    for (Map.Entry<String, String> e : vars.entrySet()) {
      if (e.getKey().startsWith(INPUTS) && e.getValue() != null && e.getValue().contains(OPEN)) {
        if (others == null) {
          others = new LinkedHashMap<>();
          for (Map.Entry<String, String> v : vars.entrySet()) {
            if (!v.getKey().startsWith(INPUTS)) {
              others.put(v.getKey(), v.getValue());
            }
          }
          out = new java.util.TreeMap<>(vars);
        }
        out.put(e.getKey(), substitute(e.getValue(), others));
      }
    }
    return out == null ? vars : out;
  }

  private static final String INPUTS = "inputs.parameters.";

  /** Values and defaults substituted; names, descriptions and enums kept. */
  private static List<Parameter> parameters(List<Parameter> params, UnaryOperator<String> s) {
    return params.stream()
        .map(
            p ->
                new Parameter(
                    p.name(),
                    s.apply(p.value()),
                    s.apply(p.defaultValue()),
                    p.description(),
                    p.enumValues()))
        .toList();
  }

  private static TemplateBody body(TemplateBody body, UnaryOperator<String> s) {
    if (body == null) {
      return null;
    }
    return switch (body) {
      case TemplateBody.ContainerBody c ->
          new TemplateBody.ContainerBody(container(c.container(), s));
      case TemplateBody.ScriptBody sc ->
          new TemplateBody.ScriptBody(container(sc.container(), s), s.apply(sc.source()));
      case TemplateBody.StepsBody st ->
          new TemplateBody.StepsBody(
              st.groups().stream()
                  .map(g -> new StepGroup(g.steps().stream().map(x -> step(x, s)).toList()))
                  .toList());
      case TemplateBody.DagBody d ->
          new TemplateBody.DagBody(
              d.tasks().stream().map(t -> task(t, s)).toList(), s.apply(d.target()), d.failFast());
      case TemplateBody.SuspendBody su -> new TemplateBody.SuspendBody(s.apply(su.duration()));
      case TemplateBody.HttpBody h -> new TemplateBody.HttpBody(http(h.http(), s));
      case TemplateBody.ContainerSetBody cs ->
          new TemplateBody.ContainerSetBody(
              cs.containers().stream()
                  .map(c -> c.withContainer(container(c.container(), s)))
                  .toList(),
              cs.volumeMounts().stream().map(n -> json(n, s)).toList(),
              cs.retryStrategy() == null
                  ? null
                  : new ContainerSetRetry(
                      s.apply(cs.retryStrategy().retries()),
                      s.apply(cs.retryStrategy().duration())));
      case TemplateBody.ResourceBody r ->
          new TemplateBody.ResourceBody(
              s.apply(r.action()),
              s.apply(r.mergeStrategy()),
              s.apply(r.manifest()),
              s.apply(r.successCondition()),
              s.apply(r.failureCondition()),
              r.setOwnerReference());
    };
  }

  private static dev.targo.argo.plan.HttpSpec http(
      dev.targo.argo.plan.HttpSpec h, UnaryOperator<String> s) {
    return new dev.targo.argo.plan.HttpSpec(
        s.apply(h.method()),
        s.apply(h.url()),
        h.headers().stream()
            .map(
                x -> new dev.targo.argo.plan.HttpSpec.Header(s.apply(x.name()), s.apply(x.value())))
            .toList(),
        s.apply(h.body()),
        h.timeoutSeconds(),
        s.apply(h.successCondition()),
        h.insecureSkipVerify());
  }

  /**
   * A step with its arguments, condition and loop substituted. Its name and template stay: they are
   * names, not text. References to other steps and to {@code item} stay as written until their
   * values are known, so a template's inputs can be substituted first.
   */
  private static Step step(Step step, UnaryOperator<String> s) {
    return new Step(
        step.name(),
        step.template(),
        parameters(step.arguments(), s),
        s.apply(step.when()),
        loop(step.loop(), s),
        step.continueOn(),
        step.artifacts().stream().map(a -> a.substituted(s)).toList(),
        exitHook(step.exitHook(), s),
        hooks(step.hooks(), s));
  }

  private static List<LifecycleHook> hooks(List<LifecycleHook> hooks, UnaryOperator<String> s) {
    return hooks.stream()
        .map(h -> h.arguments() == null ? h : h.withArguments(parameters(h.arguments(), s)))
        .toList();
  }

  private static ExitHook exitHook(ExitHook hook, UnaryOperator<String> s) {
    if (hook == null || hook.arguments() == null) {
      return hook;
    }
    return new ExitHook(hook.template(), parameters(hook.arguments(), s));
  }

  private static DagTask task(DagTask task, UnaryOperator<String> s) {
    return new DagTask(
        task.name(),
        task.template(),
        parameters(task.arguments(), s),
        task.dependencies(),
        task.depends(),
        task.condition(),
        s.apply(task.when()),
        loop(task.loop(), s),
        task.continueOn(),
        task.artifacts().stream().map(a -> a.substituted(s)).toList(),
        exitHook(task.exitHook(), s),
        hooks(task.hooks(), s));
  }

  private static Loop loop(Loop loop, UnaryOperator<String> s) {
    if (loop == null) {
      return null;
    }
    return switch (loop) {
      case Loop.Items i -> new Loop.Items(i.items().stream().map(item -> json(item, s)).toList());
      case Loop.Param p -> new Loop.Param(s.apply(p.value()));
      case Loop.Sequence q ->
          new Loop.Sequence(
              s.apply(q.count()), s.apply(q.start()), s.apply(q.end()), s.apply(q.format()));
    };
  }

  private static ContainerSpec container(ContainerSpec c, UnaryOperator<String> s) {
    if (c == null) {
      return null;
    }
    return new ContainerSpec(
        s.apply(c.image()),
        c.command().stream().map(s).toList(),
        c.args().stream().map(s).toList(),
        c.env().stream()
            .map(
                e -> new ContainerSpec.EnvVar(e.name(), s.apply(e.value()), json(e.valueFrom(), s)))
            .toList(),
        s.apply(c.workingDir()),
        json(c.resources(), s),
        c.volumeMounts().stream().map(v -> json(v, s)).toList(),
        json(c.securityContext(), s),
        s.apply(c.imagePullPolicy()),
        json(c.readinessProbe(), s));
  }

  private static RetryStrategySpec retryStrategy(RetryStrategySpec r, UnaryOperator<String> s) {
    if (r == null) {
      return null;
    }
    RetryStrategySpec.BackoffSpec b = r.backoff();
    return new RetryStrategySpec(
        s.apply(r.limit()),
        s.apply(r.retryPolicy()),
        b == null
            ? null
            : new RetryStrategySpec.BackoffSpec(
                s.apply(b.duration()),
                s.apply(b.factor()),
                s.apply(b.cap()),
                s.apply(b.maxDuration()),
                s.apply(b.jitter())),
        r.nodeAntiAffinity(),
        s.apply(r.expression()),
        s.apply(r.nodeAntiAffinityType()),
        s.apply(r.nodeAntiAffinityTopologyKey()),
        onOOMKilled(r.onOOMKilled(), s),
        s.apply(r.nodeAntiAffinityMaxExcluded()),
        s.apply(r.nodeAntiAffinityExpression()),
        s.apply(r.nodeAntiAffinityRelaxAfter()));
  }

  private static RetryStrategySpec.OnOOMKilledSpec onOOMKilled(
      RetryStrategySpec.OnOOMKilledSpec o, UnaryOperator<String> s) {
    if (o == null || o.memory() == null) {
      return o;
    }
    return new RetryStrategySpec.OnOOMKilledSpec(
        new RetryStrategySpec.MemoryGrowthSpec(
            s.apply(o.memory().factor()), s.apply(o.memory().max())));
  }

  private static Affinity affinity(Affinity a, UnaryOperator<String> s) {
    if (a == null) {
      return null;
    }
    Affinity.NodeAffinity na = a.nodeAffinity();
    Affinity.NodeAffinity nodeAffinity = null;
    if (na != null) {
      Affinity.NodeSelector required =
          na.required() == null
              ? null
              : new Affinity.NodeSelector(
                  na.required().nodeSelectorTerms().stream()
                      .map(
                          t ->
                              new Affinity.NodeSelectorTerm(
                                  requirements(t.matchExpressions(), s),
                                  requirements(t.matchFields(), s)))
                      .toList());
      nodeAffinity = new Affinity.NodeAffinity(required, json(na.preferred(), s));
    }
    return new Affinity(nodeAffinity, json(a.podAffinity(), s), json(a.podAntiAffinity(), s));
  }

  private static List<Affinity.NodeSelectorRequirement> requirements(
      List<Affinity.NodeSelectorRequirement> reqs, UnaryOperator<String> s) {
    return reqs.stream()
        .map(
            r ->
                new Affinity.NodeSelectorRequirement(
                    s.apply(r.key()), s.apply(r.operator()), r.values().stream().map(s).toList()))
        .toList();
  }

  /** Map values substituted, keys and order kept. */
  private static Map<String, String> values(Map<String, String> map, UnaryOperator<String> s) {
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, s.apply(v)));
    return out;
  }

  /** A copy of {@code node} with every string value substituted; field names are kept. */
  private static JsonNode json(JsonNode node, UnaryOperator<String> s) {
    if (node == null) {
      return null;
    }
    if (node.isTextual()) {
      return JsonNodeFactory.instance.textNode(s.apply(node.textValue()));
    }
    if (node.isObject()) {
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        out.set(f.getKey(), json(f.getValue(), s));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(e -> out.add(json(e, s)));
      return out;
    }
    return node.deepCopy();
  }
}
