package dev.targo.translator;

import org.yaml.snakeyaml.error.Mark;

/**
 * A 1-based position in the input text.
 *
 * @param line 1-based line
 * @param column 1-based column
 */
record Pos(int line, int column) {

  /** The start of the file, for problems that belong to the whole document. */
  static final Pos START = new Pos(1, 1);

  /** SnakeYAML marks are 0-based. */
  static Pos of(Mark mark) {
    return mark == null ? START : new Pos(mark.getLine() + 1, mark.getColumn() + 1);
  }
}
