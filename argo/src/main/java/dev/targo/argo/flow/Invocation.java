package dev.targo.argo.flow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.Templating;
import dev.targo.argo.plan.Artifact;
import dev.targo.argo.plan.ContinueOn;
import dev.targo.argo.plan.DagTask;
import dev.targo.argo.plan.ExitHook;
import dev.targo.argo.plan.LifecycleHook;
import dev.targo.argo.plan.Loop;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.Step;
import java.util.List;
import java.util.Map;

/**
 * One call of a template by a step or a task, after {@code {{…}}} substitution: what runs it, its
 * arguments and condition. A looped step or task becomes one invocation per item. Pure.
 *
 * @param name the step or task name ({@code step}, or {@code step(0:a)} for an item)
 * @param template the name of the template it runs
 * @param arguments its arguments, substituted
 * @param when its condition, substituted, or null
 * @param loop its loop, substituted, or null (always null for one item of a loop)
 * @param continueOn its {@code continueOn}, or null
 * @param artifacts its {@code arguments.artifacts}, substituted
 * @param exitHook its exit hook, arguments substituted but for its own outputs, or null
 * @param kind {@code steps} or {@code tasks}: how its own outputs are named in its exit hook's
 *     arguments
 * @param hooks its lifecycle hooks other than {@code exit}, arguments substituted but for its own
 *     outputs
 */
public record Invocation(
    String name,
    String template,
    List<Parameter> arguments,
    String when,
    Loop loop,
    ContinueOn continueOn,
    List<Artifact> artifacts,
    ExitHook exitHook,
    String kind,
    List<LifecycleHook> hooks) {

  public Invocation {
    arguments = List.copyOf(arguments);
    artifacts = artifacts == null ? List.of() : List.copyOf(artifacts);
    hooks = hooks == null ? List.of() : List.copyOf(hooks);
  }

  /** An invocation of a step without artifact arguments or an exit hook. */
  public Invocation(
      String name,
      String template,
      List<Parameter> arguments,
      String when,
      Loop loop,
      ContinueOn continueOn) {
    this(name, template, arguments, when, loop, continueOn, List.of(), null, "steps", List.of());
  }

  /** A step of a steps template. */
  public static Invocation of(Step step) {
    return new Invocation(
        step.name(),
        step.template(),
        step.arguments(),
        step.when(),
        step.loop(),
        step.continueOn(),
        step.artifacts(),
        step.exitHook(),
        "steps",
        step.hooks());
  }

  /** A task of a DAG template. */
  public static Invocation of(DagTask task) {
    return new Invocation(
        task.name(),
        task.template(),
        task.arguments(),
        task.when(),
        task.loop(),
        task.continueOn(),
        task.artifacts(),
        task.exitHook(),
        "tasks",
        task.hooks());
  }

  /** With arguments, condition and loop substituted from {@code vars}. */
  public Invocation substituted(Map<String, String> vars) {
    return new Invocation(
        name,
        template,
        substituted(arguments, vars),
        Templating.substitute(when, vars),
        loop(loop, vars),
        continueOn,
        artifacts.stream().map(a -> a.substituted(t -> Templating.substitute(t, vars))).toList(),
        exitHook == null || exitHook.arguments() == null
            ? exitHook
            : new ExitHook(exitHook.template(), substituted(exitHook.arguments(), vars)),
        kind,
        hooks.stream()
            .map(h -> h.arguments() == null ? h : h.withArguments(substituted(h.arguments(), vars)))
            .toList());
  }

  /** Argument values and defaults substituted from {@code vars}. */
  public static List<Parameter> substituted(List<Parameter> parameters, Map<String, String> vars) {
    return parameters.stream()
        .map(
            p ->
                new Parameter(
                    p.name(),
                    Templating.substitute(p.value(), vars),
                    Templating.substitute(p.defaultValue(), vars),
                    p.description(),
                    p.enumValues()))
        .toList();
  }

  /** Item {@code index} of this looped invocation, named as Argo names it. */
  public Invocation item(int index, JsonNode item) {
    Invocation one =
        new Invocation(
            LoopItems.childName(name, index, item),
            template,
            arguments,
            when,
            null,
            continueOn,
            artifacts,
            exitHook,
            kind,
            hooks);
    return one.substituted(LoopItems.vars(item));
  }

  private static Loop loop(Loop loop, Map<String, String> vars) {
    if (loop == null) {
      return null;
    }
    return switch (loop) {
      case Loop.Items i -> new Loop.Items(i.items().stream().map(n -> json(n, vars)).toList());
      case Loop.Param p -> new Loop.Param(Templating.substitute(p.value(), vars));
      case Loop.Sequence s ->
          new Loop.Sequence(
              Templating.substitute(s.count(), vars),
              Templating.substitute(s.start(), vars),
              Templating.substitute(s.end(), vars),
              Templating.substitute(s.format(), vars));
    };
  }

  private static JsonNode json(JsonNode node, Map<String, String> vars) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (node.isTextual()) {
      return f.textNode(Templating.substitute(node.textValue(), vars));
    }
    if (node.isObject()) {
      ObjectNode out = f.objectNode();
      node.fields().forEachRemaining(e -> out.set(e.getKey(), json(e.getValue(), vars)));
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = f.arrayNode();
      node.forEach(e -> out.add(json(e, vars)));
      return out;
    }
    return node;
  }
}
