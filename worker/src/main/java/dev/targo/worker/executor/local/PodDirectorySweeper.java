package dev.targo.worker.executor.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the directories of finished pods from the local executor's state directory once they are
 * older than the retention, as Kubernetes garbage-collects dead containers and their logs. Only a
 * directory whose pod has recorded its end ({@link LocalPod#ENDED_FILE}, by its time) is removed:
 * the state directory may be shared by several workers on one machine, and a pod that is running in
 * another one, or whose worker was stopped while it ran, has no end to go by.
 */
final class PodDirectorySweeper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PodDirectorySweeper.class);

  /** Swept at least this often, whatever the retention. */
  static final Duration MAX_PERIOD = Duration.ofMinutes(10);

  private static final Pattern POD_NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");

  private final Path stateDir;
  private final Duration retention;
  private final Clock clock;
  private final Predicate<String> live;
  private ScheduledExecutorService timer;

  /**
   * @param live true for the pods this executor still runs and those a detached supervisor runs
   *     ({@link PodSupervisor}, a stale end mark notwithstanding), never removed
   */
  PodDirectorySweeper(Path stateDir, Duration retention, Clock clock, Predicate<String> live) {
    this.stateDir = stateDir;
    this.retention = retention;
    this.clock = clock;
    this.live = live;
  }

  /** Sweeps now and then every {@code min(retention, 10 min)}, on a daemon thread. */
  void start() {
    long period = Math.max(1000, Math.min(retention.toMillis(), MAX_PERIOD.toMillis()));
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "targo-pod-sweeper");
              t.setDaemon(true);
              return t;
            });
    timer.scheduleWithFixedDelay(this::sweepQuietly, 0, period, TimeUnit.MILLISECONDS);
  }

  /** Removes the directories of pods that ended longer than the retention ago; returns them. */
  List<String> sweep() throws IOException {
    Instant before = clock.instant().minus(retention);
    List<Path> doomed;
    try (Stream<Path> dirs = Files.list(stateDir)) {
      doomed =
          dirs.filter(Files::isDirectory)
              .filter(d -> POD_NAME.matcher(d.getFileName().toString()).matches())
              .filter(d -> !live.test(d.getFileName().toString()))
              .filter(d -> endedBefore(d, before))
              .sorted()
              .toList();
    }
    for (Path dir : doomed) {
      delete(dir);
    }
    return doomed.stream().map(d -> d.getFileName().toString()).toList();
  }

  private void sweepQuietly() {
    try {
      List<String> removed = sweep();
      if (!removed.isEmpty()) {
        log.info(
            "removed the directories of {} pods that ended more than {} ago from {}",
            removed.size(),
            retention,
            stateDir);
      }
    } catch (IOException | UncheckedIOException | SecurityException e) {
      log.warn("could not sweep finished pods from {}: {}", stateDir, e.toString());
    }
  }

  private static boolean endedBefore(Path dir, Instant before) {
    Path ended = dir.resolve(LocalPod.ENDED_FILE);
    try {
      return Files.isRegularFile(ended)
          && Files.getLastModifiedTime(ended).toInstant().isBefore(before);
    } catch (IOException e) {
      return false;
    }
  }

  /** Deletes {@code dir} and what it holds; symbolic links are removed, not followed. */
  private static void delete(Path dir) throws IOException {
    try (Stream<Path> tree = Files.walk(dir)) {
      for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
