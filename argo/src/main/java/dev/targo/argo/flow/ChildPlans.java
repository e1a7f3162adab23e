package dev.targo.argo.flow;

import dev.targo.argo.plan.ExitHook;
import dev.targo.argo.plan.LifecycleHook;
import dev.targo.argo.plan.StepGroup;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.plan.WorkflowPlan;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The part of a plan a node's child workflow needs: the templates its template can reach through
 * steps and DAG tasks, and the spec fields node workflows read (namespace, {@code podGC}, service
 * account, deadline). Every child workflow's input is recorded in its parent's history and its own,
 * so a fan-out of N children over a plan of many templates would otherwise write N copies of the
 * whole plan. Pure.
 */
public final class ChildPlans {
  private ChildPlans() {}

  /**
   * The plan a child running {@code templateName} is started with. Its entrypoint is that template;
   * workflow arguments, labels and annotations are left out (their values reach the child as {@code
   * workflow.*} variables), and so is {@code onExit}, which only the root runs. Templates keep
   * their declaration order. A reference to a template the plan does not have is left for the child
   * to report, as it would with the whole plan.
   */
  public static WorkflowPlan forTemplate(WorkflowPlan plan, String templateName) {
    return forTemplate(plan, templateName, List.of());
  }

  /** {@link #forTemplate(WorkflowPlan, String)}, keeping also what each of {@code hooks} runs. */
  public static WorkflowPlan forTemplate(
      WorkflowPlan plan, String templateName, java.util.Collection<String> hooks) {
    Set<String> reachable = reachable(plan, templateName);
    for (String hook : hooks) {
      reachable.addAll(reachable(plan, hook));
    }
    Map<String, Template> kept = new LinkedHashMap<>();
    plan.templates()
        .forEach(
            (name, template) -> {
              if (reachable.contains(name)) {
                kept.put(name, template);
              }
            });
    return new WorkflowPlan(
        plan.name(),
        plan.generateName(),
        plan.namespace(),
        Map.of(),
        Map.of(),
        templateName,
        List.of(),
        kept,
        plan.activeDeadlineSeconds(),
        plan.podGc(),
        plan.serviceAccountName(),
        null,
        List.of(),
        plan.parallelism());
  }

  /** {@code from} and every template it calls, directly or through others. */
  static Set<String> reachable(WorkflowPlan plan, String from) {
    Set<String> seen = new TreeSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(from));
    while (!todo.isEmpty()) {
      String name = todo.pop();
      Template template = plan.template(name);
      if (!seen.add(name) || template == null) {
        continue;
      }
      todo.addAll(called(template.body()));
    }
    return seen;
  }

  private static java.util.stream.Stream<String> withHooks(
      String template, ExitHook hook, List<LifecycleHook> hooks) {
    return java.util.stream.Stream.concat(
        java.util.stream.Stream.of(template),
        java.util.stream.Stream.concat(
            hook == null
                ? java.util.stream.Stream.empty()
                : java.util.stream.Stream.of(hook.template()),
            hooks.stream().map(LifecycleHook::template)));
  }

  private static List<String> called(TemplateBody body) {
    return switch (body) {
      case TemplateBody.StepsBody steps ->
          steps.groups().stream()
              .map(StepGroup::steps)
              .flatMap(List::stream)
              .flatMap(s -> withHooks(s.template(), s.exitHook(), s.hooks()))
              .toList();
      case TemplateBody.DagBody dag ->
          dag.tasks().stream()
              .flatMap(t -> withHooks(t.template(), t.exitHook(), t.hooks()))
              .toList();
      case TemplateBody.PodBody pod -> List.of();
      case TemplateBody.SuspendBody suspend -> List.of();
      case TemplateBody.HttpBody http -> List.of();
      case TemplateBody.ResourceBody resource -> List.of();
    };
  }
}
