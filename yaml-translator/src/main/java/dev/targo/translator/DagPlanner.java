package dev.targo.translator;

import dev.targo.argo.plan.DagTask;
import dev.targo.argo.plan.Depends;
import dev.targo.argo.plan.Loop;
import dev.targo.argo.plan.TaskResult;
import dev.targo.argo.plan.TemplateBody;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dag to its plan form: dependencies resolved and checked (unknown names, cycles, Argo's rules on
 * mixing {@code depends}, {@code dependencies} and {@code continueOn}), {@code depends} parsed and
 * expanded, and each task's strings checked in its own scope: the outputs of the tasks it depends
 * on, directly or not (Argo's rule), and {@code item} when it loops.
 */
final class DagPlanner {
  private final Calls calls;
  private final References references;
  private final Problems problems;
  private final Source source;

  /** One task's dependencies as written and as parsed. */
  private record Deps(List<String> names, DependsParser.Term term) {}

  DagPlanner(Calls calls, References references, Problems problems, Source source) {
    this.calls = calls;
    this.references = references;
    this.problems = problems;
    this.source = source;
  }

  TemplateBody.DagBody plan(Raw.Dag dag, Scope base, Scope outputsScope) {
    if (dag.tasks().isEmpty()) {
      problems.add(dag.pos(), Code.MISSING_FIELD, "a dag needs at least one task in `tasks`");
    }
    Map<String, Raw.Task> byName = new LinkedHashMap<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Raw.Task t : dag.tasks()) {
      calls.name(t.name(), "task", seen);
      if (t.name() != null) {
        byName.putIfAbsent(t.name().value(), t);
      }
    }
    boolean usingDepends = dag.tasks().stream().anyMatch(t -> t.depends() != null);
    Map<Raw.Task, Deps> deps = new LinkedHashMap<>();
    Map<Raw.Task, Loop> loops = new LinkedHashMap<>();
    for (Raw.Task t : dag.tasks()) {
      loops.put(t, calls.loop(t.loop()));
    }
    for (Raw.Task t : dag.tasks()) {
      deps.put(t, dependencies(t, byName, loops, usingDepends));
    }
    Map<String, Pos> positions = new LinkedHashMap<>();
    Map<String, List<String>> edges = new LinkedHashMap<>();
    byName.forEach(
        (name, t) -> {
          positions.put(name, t.name().pos());
          edges.put(name, deps.get(t).names());
        });
    new Cycles(problems, "tasks").check(positions, edges);
    Scope all = base.copy();
    all.siblingPrefix = "tasks";
    all.siblings = byName.keySet();
    for (Raw.Task t : byName.values()) {
      all.addNode(
          t.name().value(),
          calls.called(t.template(), false),
          StepsPlanner.aggregates(loops.get(t)));
    }
    // Looked up by name from here on: a task record's hashCode walks all its fields, and the
    // ancestors of every task are looked up once per task (seconds for 5,000 tasks, issue 13).
    Map<String, Deps> depsByName = new HashMap<>();
    Map<String, Loop> loopsByName = new HashMap<>();
    byName.forEach(
        (name, t) -> {
          depsByName.put(name, deps.get(t));
          loopsByName.put(name, loops.get(t));
        });
    List<DagTask> tasks = new ArrayList<>();
    for (Raw.Task t : dag.tasks()) {
      tasks.add(task(t, deps.get(t), loops.get(t), depsByName, loopsByName, byName, base));
    }
    checkTarget(dag.target(), byName.keySet());
    outputsScope.siblingPrefix = "tasks";
    outputsScope.siblings = byName.keySet();
    outputsScope.visible = byName.keySet();
    outputsScope.names.addAll(all.names);
    return new TemplateBody.DagBody(
        tasks, text(dag.target()), dag.failFast() == null || dag.failFast());
  }

  private DagTask task(
      Raw.Task t,
      Deps d,
      Loop loop,
      Map<String, Deps> depsByName,
      Map<String, Loop> loopsByName,
      Map<String, Raw.Task> byName,
      Scope base) {
    Raw.Template called = calls.called(t.template(), true);
    Scope scope = base.copy();
    scope.siblingPrefix = "tasks";
    scope.siblings = byName.keySet();
    Set<String> ancestors = ancestors(d, depsByName);
    scope.visible = ancestors;
    for (String a : ancestors) {
      scope.addNode(
          a,
          calls.called(byName.get(a).template(), false),
          StepsPlanner.aggregates(loopsByName.get(a)));
    }
    Calls.addItems(scope, loop);
    references.check(t.strings(), scope);
    calls.when(t.when());
    String name = t.name() == null ? null : t.name().value();
    String caller = name == null ? "a task without a name" : "task `" + name + "`";
    return new DagTask(
        name,
        text(t.template()),
        calls.arguments(t.arguments(), called, t.template(), caller),
        d.names(),
        text(t.depends()),
        condition(d, byName),
        text(t.when()),
        loop,
        Calls.continueOn(t.continueOn()),
        t.artifacts(),
        calls.exitHook(
            t.exitHook(), scope, name, called, StepsPlanner.aggregates(loop), references, caller),
        calls.hooks(
            t.hooks(), scope, name, called, StepsPlanner.aggregates(loop), references, caller));
  }

  /** The names a task waits for, checked; problems for every rule it breaks. */
  private Deps dependencies(
      Raw.Task t, Map<String, Raw.Task> byName, Map<Raw.Task, Loop> loops, boolean usingDepends) {
    List<String> names = new ArrayList<>();
    DependsParser.Term term = null;
    if (t.depends() != null && !t.depends().value().isBlank()) {
      try {
        term = DependsParser.parse(t.depends().value());
        for (DependsParser.Name n : DependsParser.names(term)) {
          Pos at = source.locate(t.depends(), n.offset(), n.task());
          known(n.task(), at, byName, names);
          checkItems(n, at, byName, loops);
        }
      } catch (DependsParser.Error e) {
        String text = t.depends().value();
        String expected = e.offset < text.length() ? text.substring(e.offset, e.offset + 1) : "";
        problems.add(
            source.locate(t.depends(), e.offset, expected),
            Code.INVALID_VALUE,
            "`depends` is not a valid condition: " + e.getMessage());
      }
    }
    if (t.dependencies() != null) {
      if (usingDepends && !t.dependencies().isEmpty()) {
        problems.add(
            t.dependenciesPos(),
            Code.INVALID_VALUE,
            "a dag cannot use both `depends` and `dependencies`; write `depends: \""
                + String.join(" && ", t.dependencies().stream().map(Str::value).toList())
                + "\"` instead");
      }
      for (Str dependency : t.dependencies()) {
        known(dependency.value(), dependency.pos(), byName, names);
      }
    }
    if (usingDepends && t.continueOn() != null) {
      problems.add(
          t.continueOn().pos(),
          Code.INVALID_VALUE,
          "a dag that uses `depends` cannot use `continueOn`; test `.Failed` or `.Errored` of"
              + " this task in the `depends` of the tasks after it instead");
    }
    if (t.name() != null
        && (usingDepends || !names.isEmpty())
        && Character.isDigit(t.name().value().charAt(0))) {
      problems.add(
          t.name().pos(),
          Code.INVALID_VALUE,
          "task name `"
              + t.name().value()
              + "` cannot begin with a digit when the dag uses `depends` or `dependencies`");
    }
    return new Deps(names, term);
  }

  private void known(String task, Pos at, Map<String, Raw.Task> byName, List<String> names) {
    if (!byName.containsKey(task)) {
      problems.add(
          at,
          Code.UNKNOWN_TASK,
          "task `"
              + task
              + "` does not exist in this dag"
              + Suggest.didYouMean(task, byName.keySet()));
    } else if (!names.contains(task)) {
      names.add(task);
    }
  }

  private void checkItems(
      DependsParser.Name n, Pos at, Map<String, Raw.Task> byName, Map<Raw.Task, Loop> loops) {
    Raw.Task dependency = byName.get(n.task());
    if (n.result() != null
        && n.result().needsLoop()
        && dependency != null
        && loops.get(dependency) == null) {
      problems.add(
          at,
          Code.INVALID_VALUE,
          "`"
              + n.task()
              + "."
              + n.result()
              + "` needs task `"
              + n.task()
              + "` to loop with `withItems`, `withParam` or `withSequence`");
    }
  }

  /** Every task {@code t} depends on, directly or not, in a stable order. */
  private static Set<String> ancestors(Deps d, Map<String, Deps> depsByName) {
    Set<String> found = new LinkedHashSet<>();
    List<String> pending = new ArrayList<>(d.names());
    while (!pending.isEmpty()) {
      String next = pending.remove(0);
      if (found.add(next)) {
        pending.addAll(depsByName.get(next).names());
      }
    }
    return found;
  }

  private static Depends condition(Deps d, Map<String, Raw.Task> byName) {
    if (d.names().isEmpty()) {
      return null;
    }
    if (d.term() != null) {
      return convert(d.term(), byName);
    }
    Depends all = null;
    for (String name : d.names()) {
      Depends one = expand(name, byName.get(name));
      all = all == null ? one : new Depends.And(all, one);
    }
    return all;
  }

  private static Depends convert(DependsParser.Term term, Map<String, Raw.Task> byName) {
    return switch (term) {
      case DependsParser.Name n ->
          n.result() != null
              ? new Depends.Result(n.task(), n.result())
              : expand(n.task(), byName.get(n.task()));
      case DependsParser.Not n -> new Depends.Not(convert(n.operand(), byName));
      case DependsParser.And a ->
          new Depends.And(convert(a.left(), byName), convert(a.right(), byName));
      case DependsParser.Or o ->
          new Depends.Or(convert(o.left(), byName), convert(o.right(), byName));
    };
  }

  /**
   * Argo's {@code expandDependency}: a bare task name holds when it Succeeded, was Skipped or is a
   * running daemon, and also when it Errored or Failed if its {@code continueOn} says so.
   */
  static Depends expand(String task, Raw.Task dependency) {
    List<TaskResult> results =
        new ArrayList<>(List.of(TaskResult.Succeeded, TaskResult.Skipped, TaskResult.Daemoned));
    Raw.ContinueOn continueOn = dependency == null ? null : dependency.continueOn();
    if (continueOn != null && continueOn.error()) {
      results.add(TaskResult.Errored);
    }
    if (continueOn != null && continueOn.failed()) {
      results.add(TaskResult.Failed);
    }
    Depends any = null;
    for (TaskResult r : results) {
      Depends one = new Depends.Result(task, r);
      any = any == null ? one : new Depends.Or(any, one);
    }
    return any;
  }

  private void checkTarget(Str target, Set<String> tasks) {
    if (target == null) {
      return;
    }
    for (String name : target.value().split(" ")) {
      if (!name.isEmpty() && !name.contains("{{") && !tasks.contains(name)) {
        problems.add(
            target.pos(),
            Code.UNKNOWN_TASK,
            "`target` names task `"
                + name
                + "`, which does not exist in this dag"
                + Suggest.didYouMean(name, tasks));
      }
    }
  }

  private static String text(Str s) {
    return s == null ? null : s.value();
  }
}
