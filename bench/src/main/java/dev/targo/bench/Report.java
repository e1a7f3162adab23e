package dev.targo.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table on standard output and the same figures as JSON ({@code bench/results/latest.json}).
 */
public final class Report {
  private final Map<String, Object> header = new LinkedHashMap<>();
  private final List<Result> results = new ArrayList<>();
  private final Map<Integer, Map<String, Object>> scenarios = new LinkedHashMap<>();

  public Report(Map<String, Object> header) {
    this.header.putAll(header);
  }

  public void put(String key, Object value) {
    header.put(key, value);
  }

  /** Records one scenario's figures with the load it ran under and how long it took. */
  public void add(Scenario s, List<Result> figures, List<Double> loadAtStart, double seconds) {
    results.addAll(figures);
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("title", s.title());
    meta.put("loadAverageAtStart", loadAtStart);
    meta.put("seconds", Math.round(seconds * 10) / 10.0);
    scenarios.put(s.number(), meta);
  }

  public List<Result> results() {
    return List.copyOf(results);
  }

  public void print(PrintStream out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"scenario", "metric", "value", "unit", "target", "met", "native"});
    for (Result r : results) {
      rows.add(
          new String[] {
            r.scenario(),
            r.metric(),
            r.value() == null ? "skipped" : Numbers.format(r.value()),
            r.unit() == null ? "" : r.unit(),
            r.target() == null ? "" : r.target().toString(),
            r.met() == null ? "" : r.met() ? "yes" : "NO",
            r.baseline() == null ? "" : Numbers.format(r.baseline())
          });
    }
    int[] widths = new int[rows.getFirst().length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("| ");
      for (int i = 0; i < row.length; i++) {
        line.append(String.format("%-" + widths[i] + "s", row[i])).append(" | ");
      }
      out.println(line.toString().stripTrailing());
      if (row == rows.getFirst()) {
        StringBuilder rule = new StringBuilder("|");
        for (int w : widths) {
          rule.append("-".repeat(w + 2)).append("|");
        }
        out.println(rule);
      }
    }
    for (Result r : results) {
      if (r.value() == null && r.note() != null) {
        out.println("skipped: " + r.scenario() + " " + r.metric() + ": " + r.note());
      }
    }
    out.flush();
  }

  public void write(Path file) throws IOException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Result r : results) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("scenario", r.scenario());
      row.put("metric", r.metric());
      row.put("value", r.value() == null ? null : Math.round(r.value() * 1000) / 1000.0);
      row.put("unit", r.unit());
      row.put("target", r.target() == null ? null : r.target().toString());
      row.put("met", r.met());
      if (r.baseline() != null) {
        row.put("baseline", Math.round(r.baseline() * 1000) / 1000.0);
      }
      if (r.note() != null) {
        row.put("note", r.note());
      }
      rows.add(row);
    }
    Map<String, Object> doc = new LinkedHashMap<>(header);
    doc.put("scenarios", scenarios);
    doc.put("results", rows);
    Files.createDirectories(file.toAbsolutePath().getParent());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), doc);
  }
}
