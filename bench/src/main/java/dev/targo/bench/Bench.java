package dev.targo.bench;

import java.io.PrintStream;
import java.nio.file.Path;

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

  public void progress(String line) {
    log.println("  " + line);
    log.flush();
  }
}
