package dev.targo.cli.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the logs the {@code local} executor keeps: {@code <state dir>/<pod>/main.log}, written when
 * the pod ends. {@code targo worker --executor local} and {@code targo logs} share the default
 * state directory, so on one machine the logs of a worker's pods are at hand.
 */
public final class PodLogs {
  /** Environment variable naming the local executor's state directory. */
  public static final String STATE_DIR_ENV = "TARGO_STATE_DIR";

  private static final Pattern POD_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

  private final Path stateDir;

  public PodLogs(Path stateDir) {
    this.stateDir = stateDir;
  }

  /**
   * {@code TARGO_STATE_DIR}, else {@code $XDG_STATE_HOME/targo/pods}, else {@code
   * ~/.local/state/targo/pods}.
   */
  public static Path defaultStateDir() {
    String env = System.getenv(STATE_DIR_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    String xdg = System.getenv("XDG_STATE_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".local", "state");
    return base.resolve("targo").resolve("pods");
  }

  /** The directory the logs are read from. */
  public Path stateDir() {
    return stateDir;
  }

  /** The log of {@code podName}, if kept; a pod name never reaches outside the state directory. */
  public Optional<String> read(String podName) {
    if (!POD_NAME.matcher(podName).matches()) {
      return Optional.empty();
    }
    Path file = stateDir.resolve(podName).resolve("main.log");
    try {
      return Files.exists(file) ? Optional.of(Files.readString(file)) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the log of pod " + podName, e);
    }
  }
}
