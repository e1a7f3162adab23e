package dev.targo.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.TreeMap;

/**
 * What every scenario gets: the server, whether this is a smoke run (every scenario in seconds, for
 * CI) or the full suite, a working directory, the project's root (for {@code ./targo} and the
 * examples), and where progress lines go.
 */
public record Bench(
    TemporalServer server, boolean smoke, Path workDir, Path projectRoot, PrintStream log) {

  /** {@code full} in the full suite, {@code smoke} in a smoke run. */
  public int size(int full, int smoke) {
    return this.smoke ? smoke : full;
  }

  /** What a scenario runs against a server. */
  public interface OnServer<T> {
    T run(TemporalServer server) throws Exception;
  }

  /**
   * Runs {@code body} against a dev server of its own, stopped afterwards with all it holds (the
   * thousands of workflows of a capacity or fan-out scenario do not weigh on the next scenario),
   * where the suite runs on a dev server; on the suite's server otherwise.
   */
  public <T> T onOwnServer(String name, OnServer<T> body) throws Exception {
    if (!server.kind().equals("dev")) {
      return body.run(server);
    }
    try (TemporalServer own = TemporalServer.dev(workDir.resolve(name), new TreeMap<>())) {
      return body.run(own);
    }
  }

  public void progress(String line) {
    log.println("  " + line);
    log.flush();
  }
}
