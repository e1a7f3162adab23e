package dev.targo.translator;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects problems for one file. The same problem found twice (a {@code templateDefaults} field
 * read once per template, say) is kept once.
 */
final class Problems {
  private final String file;
  private final Set<Problem> found = new LinkedHashSet<>();
  private final Set<Problem> warnings = new LinkedHashSet<>();

  Problems(String file) {
    this.file = file;
  }

  void add(Pos pos, Code code, String message) {
    found.add(new Problem(file, pos.line(), pos.column(), code.name(), message));
  }

  /** A warning: the file still runs. */
  void warn(Pos pos, Code code, String message) {
    warnings.add(
        new Problem(
            file, pos.line(), pos.column(), code.name(), message, Problem.Severity.WARNING));
  }

  /** True while no error was found (warnings do not count). */
  boolean isEmpty() {
    return found.isEmpty();
  }

  /** The warnings found so far, sorted. */
  List<Problem> warnings() {
    List<Problem> list = new ArrayList<>(warnings);
    list.sort(Problem.ORDER);
    return list;
  }

  /** The errors found so far, sorted. */
  List<Problem> sorted() {
    List<Problem> list = new ArrayList<>(found);
    list.sort(Problem.ORDER);
    return list;
  }
}
