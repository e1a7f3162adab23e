package dev.targo.translator;

import dev.targo.argo.plan.Loop;
import dev.targo.argo.plan.Step;
import dev.targo.argo.plan.StepGroup;
import dev.targo.argo.plan.TemplateBody;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A steps template's groups to plan steps. Each step's strings are checked in its own scope: the
 * template's variables, the outputs of the steps of earlier groups (not of its own group: those run
 * at the same time), and {@code item} when it loops.
 */
final class StepsPlanner {
  private final Calls calls;
  private final References references;

  StepsPlanner(Calls calls, References references) {
    this.calls = calls;
    this.references = references;
  }

  /**
   * The body, with {@code outputsScope} extended by every step (a steps template's outputs may name
   * any of its steps).
   */
  TemplateBody.StepsBody plan(List<List<Raw.Step>> raw, Scope base, Scope outputsScope) {
    Map<String, Raw.Step> byName = new LinkedHashMap<>();
    raw.forEach(g -> g.forEach(s -> byName.putIfAbsent(name(s), s)));
    byName.remove(null);
    Set<String> seen = new LinkedHashSet<>();
    Set<String> visible = new LinkedHashSet<>();
    Scope earlier = base.copy();
    earlier.siblingPrefix = "steps";
    earlier.siblings = byName.keySet();
    List<StepGroup> groups = new ArrayList<>();
    for (List<Raw.Step> group : raw) {
      List<Step> steps = new ArrayList<>();
      List<Loop> loops = new ArrayList<>();
      for (Raw.Step s : group) {
        calls.name(s.name(), "step", seen);
        Raw.Template called = calls.called(s.template(), true);
        Loop loop = calls.loop(s.loop());
        loops.add(loop);
        Scope scope = earlier.copy();
        scope.visible = Set.copyOf(visible);
        Calls.addItems(scope, loop);
        references.check(s.strings(), scope);
        calls.when(s.when());
        String caller = s.name() == null ? "a step without a name" : "step `" + name(s) + "`";
        steps.add(
            new Step(
                name(s),
                text(s.template()),
                calls.arguments(s.arguments(), called, s.template(), caller),
                text(s.when()),
                loop,
                Calls.continueOn(s.continueOn()),
                s.artifacts(),
                calls.exitHook(
                    s.exitHook(), scope, name(s), called, aggregates(loop), references, caller),
                calls.hooks(
                    s.hooks(), scope, name(s), called, aggregates(loop), references, caller)));
      }
      for (int i = 0; i < group.size(); i++) {
        Raw.Step s = group.get(i);
        if (s.name() != null && byName.get(s.name().value()) == s) {
          visible.add(s.name().value());
          earlier.addNode(
              s.name().value(), calls.called(s.template(), false), aggregates(loops.get(i)));
        }
      }
      groups.add(new StepGroup(steps));
    }
    outputsScope.siblingPrefix = "steps";
    outputsScope.siblings = byName.keySet();
    outputsScope.visible = byName.keySet();
    outputsScope.names.addAll(earlier.names);
    return new TemplateBody.StepsBody(groups);
  }

  /** Argo aggregates the outputs of {@code withItems} and {@code withParam} loops. */
  static boolean aggregates(Loop loop) {
    return loop instanceof Loop.Items || loop instanceof Loop.Param;
  }

  private static String name(Raw.Step s) {
    return s.name() == null ? null : s.name().value();
  }

  private static String text(Str s) {
    return s == null ? null : s.value();
  }
}
