package dev.targo.api.argo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.api.plan.Affinity;
import dev.targo.api.plan.ContainerSpec;
import dev.targo.api.plan.Parameter;
import dev.targo.api.plan.PodMetadata;
import dev.targo.api.plan.RetryStrategySpec;
import dev.targo.api.plan.Template;
import dev.targo.api.plan.TemplateBody;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Argo's {@code {{…}}} simple-template substitution (fasttemplate with Argo's tag function). Pure.
 * A tag's name is trimmed before lookup, so {@code {{ retries }}} works; references absent from the
 * variables, including {@code {{=…}}} expression tags, are left exactly as written (the translator
 * reports unknown references at lint time); a {@code {{} without a closing {@code }}} is plain
 * text. Argo substitutes inside the template's JSON text and so escapes values for JSON; targo
 * substitutes field by field and inserts values verbatim, which gives the same field values.
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
      String value = vars.get(tag.strip());
      out.append(value != null ? value : OPEN + tag + CLOSE);
      pos = close + CLOSE.length();
    }
    return out.append(text, pos, text.length()).toString();
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
   * container fields (JSON pass-through fields included), script source, retry strategy, deadlines,
   * node selector, affinity, tolerations, pod metadata values, podSpecPatch, service account and
   * input parameter values. The template's name and map keys are kept.
   */
  public static Template substitute(Template template, Map<String, String> vars) {
    UnaryOperator<String> s = text -> substitute(text, vars);
    return new Template(
        template.name(),
        body(template.body(), s),
        template.inputs().stream()
            .map(
                p ->
                    new Parameter(
                        p.name(), s.apply(p.value()), s.apply(p.defaultValue()), p.description()))
            .toList(),
        retryStrategy(template.retryStrategy(), s),
        s.apply(template.activeDeadlineSeconds()),
        s.apply(template.timeout()),
        values(template.nodeSelector(), s),
        affinity(template.affinity(), s),
        template.tolerations().stream().map(t -> json(t, s)).toList(),
        new PodMetadata(
            values(template.metadata().labels(), s), values(template.metadata().annotations(), s)),
        s.apply(template.podSpecPatch()),
        s.apply(template.serviceAccountName()));
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
        s.apply(c.imagePullPolicy()));
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
                s.apply(b.maxDuration())),
        r.nodeAntiAffinity(),
        s.apply(r.expression()));
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
