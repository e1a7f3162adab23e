package dev.targo.translator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds dependency cycles among named things (the tasks of a dag, the containers of a container
 * set) and reports each once, as the path that closes it, starting at the one written first ({@code
 * A -> B -> A}), at that one's name.
 */
final class Cycles {
  private final Problems problems;
  private final String what;
  private final Set<String> reported = new HashSet<>();
  private Map<String, Pos> positions;
  private Map<String, List<String>> edges;

  /**
   * @param what what depends on each other, for the message ({@code tasks}, {@code containers})
   */
  Cycles(Problems problems, String what) {
    this.problems = problems;
    this.what = what;
  }

  /**
   * @param positions each one's name and where it is written, in the order written
   * @param edges what each one depends on
   */
  void check(Map<String, Pos> positions, Map<String, List<String>> edges) {
    this.positions = positions;
    this.edges = edges;
    Set<String> done = new HashSet<>();
    for (String name : positions.keySet()) {
      visit(name, new ArrayList<>(), done);
    }
  }

  private void visit(String name, List<String> path, Set<String> done) {
    int onPath = path.indexOf(name);
    if (onPath >= 0) {
      report(path.subList(onPath, path.size()));
      return;
    }
    if (done.contains(name) || !positions.containsKey(name)) {
      return;
    }
    path.add(name);
    for (String dependency : edges.getOrDefault(name, List.of())) {
      visit(dependency, path, done);
    }
    path.remove(path.size() - 1);
    done.add(name);
  }

  private void report(List<String> cycle) {
    List<String> names = new ArrayList<>(positions.keySet());
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
          positions.get(path.get(0)),
          Code.DEPENDENCY_CYCLE,
          what + " depend on each other in a cycle: " + shown);
    }
  }
}
