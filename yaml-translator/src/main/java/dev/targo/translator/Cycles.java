package dev.targo.translator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds dependency cycles in a dag and reports each once, as the path that closes it, starting at
 * the task written first ({@code A -> B -> A}).
 */
final class Cycles {
  private final Problems problems;
  private final Set<String> reported = new HashSet<>();
  private Map<String, Raw.Task> byName;
  private Map<Raw.Task, List<String>> edges;

  Cycles(Problems problems) {
    this.problems = problems;
  }

  void check(Map<String, Raw.Task> byName, Map<Raw.Task, List<String>> edges) {
    this.byName = byName;
    this.edges = edges;
    Set<String> done = new HashSet<>();
    for (String task : byName.keySet()) {
      visit(task, new ArrayList<>(), done);
    }
  }

  private void visit(String task, List<String> path, Set<String> done) {
    int onPath = path.indexOf(task);
    if (onPath >= 0) {
      report(path.subList(onPath, path.size()));
      return;
    }
    if (done.contains(task)) {
      return;
    }
    path.add(task);
    for (String dependency : edges.getOrDefault(byName.get(task), List.of())) {
      visit(dependency, path, done);
    }
    path.remove(path.size() - 1);
    done.add(task);
  }

  private void report(List<String> cycle) {
    List<String> names = new ArrayList<>(byName.keySet());
    int first = 0;
    for (int i = 1; i < cycle.size(); i++) {
      if (names.indexOf(cycle.get(i)) < names.indexOf(cycle.get(first))) {
        first = i;
      }
    }
    List<String> path = new ArrayList<>(cycle.subList(first, cycle.size()));
    path.addAll(cycle.subList(0, first));
    path.add(path.get(0));
    String shown = String.join(" -> ", path);
    if (reported.add(shown)) {
      problems.add(
          byName.get(path.get(0)).name().pos(),
          Code.DEPENDENCY_CYCLE,
          "tasks depend on each other in a cycle: " + shown);
    }
  }
}
