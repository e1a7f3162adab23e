package dev.targo.cli.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns rows of cells the way Go's {@code text/tabwriter} does for {@code argo get} (padding 2,
 * spaces): every column but the last is padded to its widest cell plus two. Widths count code
 * points, so tree glyphs and icons take one column each.
 */
public final class TabTable {
  private final List<List<String>> rows = new ArrayList<>();

  public void add(String... cells) {
    rows.add(List.of(cells));
  }

  public String render() {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int c = 0; c < row.size() - 1; c++) {
        widths[c] = Math.max(widths[c], width(row.get(c)));
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.size(); c++) {
        String cell = row.get(c);
        line.append(cell);
        if (c < row.size() - 1) {
          line.append(" ".repeat(widths[c] - width(cell) + 2));
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static int width(String s) {
    return s.codePointCount(0, s.length());
  }
}
