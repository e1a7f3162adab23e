package dev.targo.cli.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the logs the {@code local} executor keeps: {@code <state dir>/<pod>/main.log}, written as
 * the pod's container prints. {@code targo worker --executor local} and {@code targo logs} share
 * the default state directory, so on one machine the logs of a worker's pods are at hand.
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
    Optional<Path> file = file(podName);
    try {
      return file.isPresent() ? Optional.of(Files.readString(file.get())) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the log of pod " + podName, e);
    }
  }

  /**
   * The bytes of {@code podName}'s log from byte {@code offset} on (at most {@link #CHUNK}), for
   * following a running pod; empty when the pod has no log (yet).
   */
  public Optional<byte[]> readFrom(String podName, long offset) {
    Optional<Path> file = file(podName);
    if (file.isEmpty()) {
      return Optional.empty();
    }
    try (FileChannel channel = FileChannel.open(file.get(), StandardOpenOption.READ)) {
      long size = channel.size();
      if (size <= offset) {
        return Optional.of(new byte[0]);
      }
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(CHUNK, size - offset));
      channel.position(offset);
      while (buffer.hasRemaining() && channel.read(buffer) > 0) {
        // Read what the file holds up to the chunk's size.
      }
      byte[] bytes = new byte[buffer.position()];
      buffer.flip().get(bytes);
      return Optional.of(bytes);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the log of pod " + podName, e);
    }
  }

  /** Read at once when following; a longer log comes in several reads. */
  static final int CHUNK = 1024 * 1024;

  /** The log file of {@code podName}, if it exists; a pod name never reaches outside the dir. */
  private Optional<Path> file(String podName) {
    if (!POD_NAME.matcher(podName).matches()) {
      return Optional.empty();
    }
    Path file = stateDir.resolve(podName).resolve("main.log");
    return Files.exists(file) ? Optional.of(file) : Optional.empty();
  }
}
