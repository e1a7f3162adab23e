package dev.targo.translator;

import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The input text, to point at a place inside a string: a reference on line 12 of a script's {@code
 * source} is reported on line 12, not where the script starts. The computed place is used only when
 * the text there is what we look for; otherwise the string's own start is used.
 */
final class Source {
  private final String text;
  private final String[] lines;

  Source(String text) {
    this.text = text;
    this.lines = text.split("\r?\n", -1);
  }

  /** The whole text. */
  String text() {
    return text;
  }

  /** The position of {@code s.value().substring(offset)}, which starts with {@code expected}. */
  Pos locate(Str s, int offset, String expected) {
    ScalarNode node = s.node();
    if (node == null) {
      return s.pos();
    }
    Pos guess = guess(node, s.value(), offset);
    if (guess != null && textAt(guess).startsWith(expected)) {
      return guess;
    }
    return s.pos();
  }

  private Pos guess(ScalarNode node, String value, int offset) {
    int startLine = node.getStartMark().getLine();
    int startColumn = node.getStartMark().getColumn();
    ScalarStyle style = node.getScalarStyle();
    if (style == ScalarStyle.LITERAL) {
      int lineInValue = 0;
      int lineStart = 0;
      for (int i = 0; i < offset; i++) {
        if (value.charAt(i) == '\n') {
          lineInValue++;
          lineStart = i + 1;
        }
      }
      int line = startLine + 1 + lineInValue;
      if (line >= lines.length) {
        return null;
      }
      return new Pos(line + 1, indentOfBlock(startLine + 1) + (offset - lineStart) + 1);
    }
    if (value.indexOf('\n') >= 0) {
      return null;
    }
    int quote = style == ScalarStyle.PLAIN ? 0 : 1;
    return new Pos(startLine + 1, startColumn + quote + offset + 1);
  }

  /** The indentation of a block scalar: that of its first non-blank line. */
  private int indentOfBlock(int firstLine) {
    for (int i = firstLine; i < lines.length; i++) {
      String line = lines[i];
      if (!line.isBlank()) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
          n++;
        }
        return n;
      }
    }
    return 0;
  }

  private String textAt(Pos pos) {
    if (pos.line() - 1 >= lines.length) {
      return "";
    }
    String line = lines[pos.line() - 1];
    int column = pos.column() - 1;
    return column <= line.length() ? line.substring(column) : "";
  }
}
