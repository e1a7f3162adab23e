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

  Problems(String file) {
    this.file = file;
  }

  void add(Pos pos, Code code, String message) {
    found.add(new Problem(file, pos.line(), pos.column(), code.name(), message));
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  /** The problems found so far, sorted. */
  List<Problem> sorted() {
    List<Problem> list = new ArrayList<>(found);
    list.sort(Problem.ORDER);
    return list;
  }
}
