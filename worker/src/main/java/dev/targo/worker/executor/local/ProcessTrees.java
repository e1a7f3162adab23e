package dev.targo.worker.executor.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Stops processes with their descendants, as the kubelet stops a container: SIGTERM to all, then
 * SIGKILL to whatever is still alive after the grace period.
 */
public final class ProcessTrees {
  private ProcessTrees() {}

  public static void terminate(Collection<ProcessHandle> roots, Duration grace) {
    List<ProcessHandle> all = new ArrayList<>();
    for (ProcessHandle root : roots) {
      // Descendants first: once the root dies they are re-parented and can no longer be found.
      root.descendants().forEach(all::add);
      all.add(root);
    }
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + grace.toNanos();
    try {
      while (all.stream().anyMatch(ProcessTrees::running) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    all.stream().filter(ProcessTrees::running).forEach(ProcessHandle::destroyForcibly);
  }

  /**
   * True while a process still runs. A killed orphan stays a zombie until the system's init reaps
   * it, which some container inits never do; on Linux a zombie counts as ended.
   */
  public static boolean running(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
      // The state follows the parenthesised command name, which may itself contain ')'.
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException | RuntimeException e) {
      return process.isAlive();
    }
  }
}
