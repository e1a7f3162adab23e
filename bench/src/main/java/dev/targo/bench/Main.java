package dev.targo.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import dev.targo.bench.scenario.Scenarios;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;

/**
 * {@code scripts/bench [--smoke] [--only 1,3] [--server dev|embedded] [--out FILE]}: runs the
 * scenarios of issue 13 in order against one Temporal server, prints the table and writes it as
 * JSON with the machine's cores, its load average at start and end, and the server used.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    boolean smoke = false;
    Set<Integer> only = new LinkedHashSet<>();
    String serverKind = TemporalServer.devUnavailable().isEmpty() ? "dev" : "embedded";
    Path root = Path.of("").toAbsolutePath();
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--smoke" -> smoke = true;
        case "--only" -> {
          for (String n : args[++i].split(",")) {
            only.add(Integer.parseInt(n.trim()));
          }
        }
        case "--server" -> serverKind = args[++i];
        case "--root" -> root = Path.of(args[++i]).toAbsolutePath();
        case "--out" -> out = Path.of(args[++i]);
        default -> {
          System.err.println(
              "usage: scripts/bench [--smoke] [--only 1,2,…] [--server dev|embedded] [--out FILE]");
          System.exit(2);
        }
      }
    }
    if (out == null) {
      out = root.resolve(smoke ? "bench/target/smoke.json" : "bench/results/latest.json");
    }
    Path work = Files.createTempDirectory("targo-bench-");
    Path workerLog = root.resolve("bench/target/bench-worker.log");
    logTo(workerLog);
    List<Scenario> chosen = new ArrayList<>();
    for (Scenario s : Scenarios.all()) {
      if (only.isEmpty() || only.contains(s.number())) {
        chosen.add(s);
      }
    }
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("mode", smoke ? "smoke" : "full");
    header.put("startedAt", Instant.now().toString());
    header.put("cores", Machine.cores());
    header.put("loadAverageAtStart", Machine.loadAverage());
    header.put("java", Runtime.version().toString());
    long t0 = System.nanoTime();
    boolean failed;
    try (TemporalServer server =
        serverKind.equals("dev")
            ? TemporalServer.dev(work.resolve("server"), new TreeMap<>())
            : TemporalServer.embedded()) {
      header.put("temporal", server.describe());
      Bench bench = new Bench(server, smoke, work, root, System.err);
      Report report = new Report(header);
      System.err.println(
          "targo bench ("
              + (smoke ? "smoke" : "full")
              + ") on "
              + server.kind()
              + " Temporal at "
              + server.address()
              + "; "
              + Machine.cores()
              + " cores, load "
              + Machine.loadAverage()
              + "; worker log in "
              + workerLog);
      for (Scenario s : chosen) {
        System.err.println("== " + s.number() + ": " + s.title());
        List<Double> load = Machine.loadAverage();
        long s0 = System.nanoTime();
        List<Result> figures;
        try {
          figures = s.run(bench);
        } catch (Exception | Error e) {
          e.printStackTrace();
          figures =
              List.of(
                  Result.skipped(s.number() + " " + s.title(), "(failed)", null, "failed: " + e));
        }
        report.add(s, figures, load, (System.nanoTime() - s0) / 1e9);
      }
      report.put("loadAverageAtEnd", Machine.loadAverage());
      report.put("seconds", Math.round((System.nanoTime() - t0) / 1e8) / 10.0);
      report.put("finishedAt", Instant.now().toString());
      report.print(System.out);
      report.write(out);
      System.err.println("written to " + out);
      failed = report.results().stream().anyMatch(r -> r.metric().equals("(failed)"));
    }
    deleteTree(work);
    // Only once the servers are closed: System.exit in the try left the dev server running.
    System.exit(failed ? 1 : 0);
  }

  /** The working directory goes: the servers' databases, pod directories, copied examples. */
  private static void deleteTree(Path dir) throws java.io.IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /**
   * The worker's log lines (each attempt's start and end at INFO, as {@code targo worker} writes
   * them) go to a file: their cost stays in the figures, their volume out of the table.
   */
  private static void logTo(Path file) throws java.io.IOException {
    Files.createDirectories(file.getParent());
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{20} %msg%n");
    encoder.start();
    FileAppender<ILoggingEvent> appender = new FileAppender<>();
    appender.setContext(context);
    appender.setFile(file.toString());
    appender.setAppend(false);
    appender.setEncoder(encoder);
    appender.start();
    root.addAppender(appender);
    root.setLevel(Level.WARN);
    context.getLogger("dev.targo").setLevel(Level.INFO);
  }
}
