package dev.targo.worker.executor.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory limits for local pods, as a kubelet gives a container with {@code
 * resources.limits.memory}: the process runs in a memory cgroup of its own with that limit, and a
 * kernel OOM kill in it is reported as Kubernetes reports it ({@code OOMKilled}). Cgroup v1's
 * memory controller ({@code memory.limit_in_bytes}, {@code memory.oom_control}) or v2's ({@code
 * memory.max}, {@code memory.events}), whichever this machine lets the worker write. Asked once per
 * worker; where neither works, one warning says so and limits are not applied.
 */
public final class MemoryCgroups {
  private static final Logger log = LoggerFactory.getLogger(MemoryCgroups.class);

  private static final Path ROOT = Path.of("/sys/fs/cgroup");

  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final Path parent;
  private final boolean v2;

  private MemoryCgroups(Path parent, boolean v2) {
    this.parent = parent;
    this.v2 = v2;
  }

  /** The memory cgroups of this machine the worker can make, or empty (one warning said why). */
  static Optional<MemoryCgroups> available() {
    return Holder.AVAILABLE;
  }

  private static final class Holder {
    static final Optional<MemoryCgroups> AVAILABLE = detect();
  }

  private static Optional<MemoryCgroups> detect() {
    List<String> reasons = new ArrayList<>();
    for (MemoryCgroups candidate : candidates()) {
      String reason = candidate.trial();
      if (reason == null) {
        return Optional.of(candidate);
      }
      reasons.add(reason);
    }
    log.warn(
        "local pods run without memory limits (resources.limits.memory is not applied and no"
            + " attempt ends OOMKilled): {}",
        reasons.isEmpty() ? "no memory cgroup controller is mounted" : String.join("; ", reasons));
    return Optional.empty();
  }

  private static List<MemoryCgroups> candidates() {
    List<MemoryCgroups> out = new ArrayList<>();
    if (Files.isDirectory(ROOT.resolve("memory"))) {
      out.add(new MemoryCgroups(ROOT.resolve("memory"), false));
    }
    try {
      Path controllers = ROOT.resolve("cgroup.controllers");
      if (Files.isRegularFile(controllers)
          && List.of(Files.readString(controllers).strip().split("\\s+")).contains("memory")) {
        out.add(new MemoryCgroups(ROOT.resolve(ownV2Path()), true));
      }
    } catch (IOException e) {
      // Unreadable: not a usable v2 hierarchy.
    }
    return out;
  }

  /** This process's cgroup in the v2 hierarchy ({@code 0::/path}), relative to its root. */
  private static String ownV2Path() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
      if (line.startsWith("0::")) {
        return line.substring(3).replaceFirst("^/", "");
      }
    }
    return "";
  }

  /** Null when a child cgroup with a limit can be made here, else why not. */
  private String trial() {
    Path dir = parent.resolve("targo-probe-" + ProcessHandle.current().pid());
    try {
      Cgroup probe = create(dir, 64L << 20);
      probe.remove();
      return null;
    } catch (IOException | RuntimeException e) {
      try {
        Files.deleteIfExists(dir);
      } catch (IOException ignored) {
        // Nothing more to undo.
      }
      return (v2 ? "cgroup v2 " : "cgroup v1 ") + parent + " is not writable: " + e.getMessage();
    }
  }

  /** Whether this machine gives pods memory cgroups (else limits are not enforced). */
  public static boolean supported() {
    return available().isPresent();
  }

  /**
   * A cgroup limited to {@code bytes} for a container {@code name} runs in (the node agent's
   * containers), or null when this machine gives none: the container then runs without its limit,
   * as on the local executor, and the reason is logged.
   */
  public static Cgroup limited(String name, long bytes) {
    if (available().isEmpty()) {
      return null;
    }
    try {
      return available().get().create(name, bytes);
    } catch (IOException e) {
      log.warn("{} runs without its memory limit: {}", name, e.toString());
      return null;
    }
  }

  /** A cgroup of its own for pod {@code podName}'s process, limited to {@code bytes}. */
  Cgroup create(String podName, long bytes) throws IOException {
    return create(parent.resolve("targo-" + podName + "-" + SEQUENCE.incrementAndGet()), bytes);
  }

  private Cgroup create(Path dir, long bytes) throws IOException {
    if (v2) {
      Path subtree = parent.resolve("cgroup.subtree_control");
      if (!Files.readString(subtree).contains("memory")) {
        Files.writeString(subtree, "+memory");
      }
    }
    Files.createDirectory(dir);
    Cgroup cgroup = new Cgroup(dir, v2);
    try {
      if (v2) {
        Files.writeString(dir.resolve("memory.max"), Long.toString(bytes));
        Path swap = dir.resolve("memory.swap.max");
        if (Files.exists(swap)) {
          Files.writeString(swap, "0");
        }
      } else {
        Files.writeString(dir.resolve("memory.limit_in_bytes"), Long.toString(bytes));
        // With swap accounting the limit covers memory and swap together, so nothing escapes.
        Path memsw = dir.resolve("memory.memsw.limit_in_bytes");
        if (Files.exists(memsw)) {
          Files.writeString(memsw, Long.toString(bytes));
        }
      }
    } catch (IOException | RuntimeException e) {
      cgroup.remove();
      throw e;
    }
    return cgroup;
  }

  /**
   * One pod's memory cgroup.
   *
   * @param dir its directory
   * @param v2 true on the unified hierarchy
   */
  public record Cgroup(Path dir, boolean v2) {

    /**
     * {@code command} started inside this cgroup: a shell puts itself in, then execs the command,
     * so that nothing of the container allocates outside the limit.
     */
    List<String> wrap(List<String> command) {
      List<String> out = new ArrayList<>();
      out.add("/bin/sh");
      out.add("-c");
      out.add("echo $$ > \"$0/cgroup.procs\" && exec \"$@\"");
      out.add(dir.toString());
      out.addAll(command);
      return out;
    }

    /** The cgroup at {@code dir}, made by an earlier worker, or null for none. */
    static Cgroup at(Path dir) {
      return dir == null ? null : new Cgroup(dir, Files.exists(dir.resolve("memory.events")));
    }

    /** The file counting the cgroup's OOM kills ({@code oom_kill N}). */
    Path eventsFile() {
      return dir.resolve(v2 ? "memory.events" : "memory.oom_control");
    }

    /**
     * Whether the kernel killed a process of this cgroup for its limit: its {@code oom_kill}
     * counter is above 0 (false when it cannot be read).
     */
    public boolean oomKilled() {
      try {
        for (String line : Files.readAllLines(eventsFile())) {
          if (line.startsWith("oom_kill ")) {
            return Long.parseLong(line.substring("oom_kill ".length()).trim()) > 0;
          }
        }
      } catch (IOException | NumberFormatException e) {
        log.debug("cannot read the OOM kills of {}: {}", dir, e.toString());
      }
      return false;
    }

    /** Removes the cgroup once its processes are gone (the kernel may take a moment). */
    public void remove() {
      for (int i = 0; i < 50; i++) {
        try {
          Files.deleteIfExists(dir);
          return;
        } catch (IOException e) {
          try {
            Thread.sleep(20);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
      log.warn("could not remove the memory cgroup {}", dir);
    }
  }
}
