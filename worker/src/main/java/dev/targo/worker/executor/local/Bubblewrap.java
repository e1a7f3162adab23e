package dev.targo.worker.executor.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether bubblewrap ({@code bwrap}, Debian's {@code bubblewrap}; {@code
 * scripts/install-bubblewrap} installs it) can give local pods their own root on this machine:
 * found on the worker's {@code PATH} and able to start a command in new PID and UTS namespaces (it
 * cannot without the privileges, in some containers). Asked once per worker; where it cannot, one
 * warning says so and pods run as plain processes.
 */
final class Bubblewrap {
  private static final Logger log = LoggerFactory.getLogger(Bubblewrap.class);

  private Bubblewrap() {}

  /** The path of a working {@code bwrap}, or empty. */
  static Optional<String> path() {
    return Holder.PATH;
  }

  private static final class Holder {
    static final Optional<String> PATH = detect();
  }

  private static Optional<String> detect() {
    String reason;
    Optional<Path> found = onPath(System.getenv("PATH"));
    if (found.isEmpty()) {
      reason = "bwrap is not on the PATH";
    } else {
      reason = tryRun(found.get().toString());
      if (reason == null) {
        return Optional.of(found.get().toString());
      }
    }
    log.warn(
        "local pods run as plain processes on this machine's file system, not each in its own root:"
            + " {} (scripts/install-bubblewrap installs Debian's bubblewrap)",
        reason);
    return Optional.empty();
  }

  static Optional<Path> onPath(String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(":")) {
      Path file = Path.of(dir.isEmpty() ? "." : dir, "bwrap");
      if (Files.isRegularFile(file) && Files.isExecutable(file)) {
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  /** Null when {@code bwrap} starts a command as pods need it, else why not. */
  private static String tryRun(String bwrap) {
    try {
      Process p =
          new ProcessBuilder(
                  bwrap,
                  "--ro-bind",
                  "/",
                  "/",
                  "--dev",
                  "/dev",
                  "--proc",
                  "/proc",
                  "--unshare-pid",
                  "--unshare-uts",
                  "--die-with-parent",
                  "true")
              .redirectErrorStream(true)
              .start();
      p.getOutputStream().close();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return bwrap + " did not finish a trial command in 10 s";
      }
      String out = new String(p.getInputStream().readAllBytes()).strip();
      return p.exitValue() == 0 ? null : bwrap + " cannot start a pod here: " + out;
    } catch (IOException e) {
      return bwrap + " cannot be started: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while trying " + bwrap;
    }
  }
}
