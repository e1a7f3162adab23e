package dev.targo.worker.executor.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The detached supervisor of a local pod's main container, so that the container and its end
 * outlive the worker that started it, as a pod outlives a crashed Argo controller. A small POSIX
 * shell in a session of its own ({@code setsid}), outside the container's sandbox and memory
 * cgroup: it records who it is ({@link #RECORD}), runs the container's command with stdout and
 * stderr going to files of the pod's directory, and writes the container's exit status and the OOM
 * kills of its cgroup ({@link #EXIT}) by an atomic rename. A shell, not a JVM per pod: it costs one
 * small process while the container runs.
 *
 * <p>A later worker that gets the attempt of the pod's name (Temporal retries it after the first
 * worker died) finds the record and adopts the pod: it waits for the exit file while the recorded
 * process lives (its pid with its start time, against pid reuse), or reads an exit written while no
 * worker watched. A record whose process is gone without an exit file (the machine restarted) is no
 * pod any more: the attempt runs again.
 */
final class PodSupervisor {
  private static final Logger log = LoggerFactory.getLogger(PodSupervisor.class);

  /** Written by the supervisor before the command runs: {@link Record}'s fields. */
  static final String RECORD = "supervisor";

  /** Written by the supervisor when the command has ended: exit status and OOM kills. */
  static final String EXIT = "exit";

  /** The container's stdout and stderr, as the supervisor writes them. */
  static final String STDOUT = "stdout";

  static final String STDERR = "stderr";

  /**
   * The supervisor: its own start time from {@code /proc} (field 22 of {@code stat}, the 20th after
   * the command name), its record, the command with its output in files, then the exit file. Helper
   * programs are looked up on the system's default {@code PATH} ({@code command -p}), not the
   * container's.
   */
  private static final String SCRIPT =
      String.join(
          "\n",
          "dir=$1; bound=$2; started=$3; wf=$4; node=$5; host=$6; events=$7; shift 7",
          "read -r stat < /proc/$$/stat",
          "field() { shift 19; echo \"$1\"; }",
          "ticks=$(field ${stat##*') '})",
          "printf '%s %s %s %s %s %s %s %s\\n' \"$$\" \"$ticks\" \"$bound\" \"$started\" \"$wf\""
              + " \"$node\" \"$host\" \"$events\" > \"$dir/"
              + RECORD
              + ".tmp\" || exit 125",
          "command -p mv -f \"$dir/" + RECORD + ".tmp\" \"$dir/" + RECORD + "\" || exit 125",
          "\"$@\" > \"$dir/" + STDOUT + "\" 2> \"$dir/" + STDERR + "\" < /dev/null",
          "code=$?",
          "oom=0",
          "if [ \"$events\" != - ]; then",
          "  oom=$(command -p sed -n 's/^oom_kill //p' \"$events\" 2>/dev/null)",
          "fi",
          "printf '%s %s\\n' \"$code\" \"${oom:-0}\" > \"$dir/" + EXIT + ".tmp\"",
          "command -p mv -f \"$dir/" + EXIT + ".tmp\" \"$dir/" + EXIT + "\"");

  private PodSupervisor() {}

  /**
   * Who supervises a pod, as its supervisor recorded it.
   *
   * @param pid the supervisor's process id, also its process group and session
   * @param startTicks its start time in clock ticks since boot, to tell it from a later process of
   *     the same pid
   * @param boundAtMillis when the pod was bound to its node: {@code activeDeadlineSeconds} counts
   *     from there
   * @param startedAtMillis when its container started
   * @param workflow the pod's workflow, for deletions by workflow
   * @param node the simulated node the pod is bound to
   * @param host that node's hostname label
   * @param events the OOM-kill counter of the pod's memory cgroup ({@code -}: none)
   */
  record Record(
      long pid,
      long startTicks,
      long boundAtMillis,
      long startedAtMillis,
      String workflow,
      String node,
      String host,
      String events) {

    Instant startedAt() {
      return Instant.ofEpochMilli(startedAtMillis);
    }

    /** The memory cgroup the container ran in, or null. */
    Path cgroup() {
      return events.equals("-") ? null : Path.of(events).getParent();
    }

    /** True while the recorded supervisor runs (the same process, not a later one of its pid). */
    boolean alive() {
      return PodSupervisor.startTicks(pid).map(t -> t == startTicks).orElse(false);
    }

    /** Its process, while it runs. */
    Optional<ProcessHandle> process() {
      return alive() ? ProcessHandle.of(pid) : Optional.empty();
    }
  }

  /**
   * How the container ended.
   *
   * @param exitCode its exit status (128 + the signal when a signal ended it)
   * @param oomKilled true when the kernel killed a process of its memory cgroup for its limit
   * @param at when the supervisor recorded it (the exit file's time)
   */
  record Exit(int exitCode, boolean oomKilled, Instant at) {}

  /**
   * {@code command} run by a detached supervisor that writes into {@code dir}.
   *
   * @param events the memory cgroup's OOM-kill counter, or null
   */
  static List<String> wrap(List<String> command, Path dir, Record placement, Path events) {
    List<String> out = new ArrayList<>();
    SETSID.ifPresent(out::add);
    out.addAll(
        List.of(
            "/bin/sh",
            "-c",
            SCRIPT,
            "targo-pod-supervisor",
            dir.toAbsolutePath().toString(),
            Long.toString(placement.boundAtMillis()),
            Long.toString(placement.startedAtMillis()),
            placement.workflow(),
            placement.node(),
            placement.host(),
            events == null ? "-" : events.toString()));
    out.addAll(command);
    return out;
  }

  /** The supervisor's record in {@code dir}, or empty. */
  static Optional<Record> record(Path dir) {
    try {
      String[] f = Files.readString(dir.resolve(RECORD)).strip().split(" ", 8);
      return Optional.of(
          new Record(
              Long.parseLong(f[0]),
              Long.parseLong(f[1]),
              Long.parseLong(f[2]),
              Long.parseLong(f[3]),
              f[4],
              f[5],
              f[6],
              f[7]));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      log.warn("unreadable supervisor record in {}: {}", dir, e.toString());
      return Optional.empty();
    }
  }

  /** How the container of {@code dir} ended, once its supervisor wrote it, or empty. */
  static Optional<Exit> exit(Path dir) {
    Path file = dir.resolve(EXIT);
    try {
      String[] f = Files.readString(file).strip().split(" ");
      Instant at = Files.getLastModifiedTime(file).toInstant();
      return Optional.of(new Exit(Integer.parseInt(f[0]), Long.parseLong(f[1]) > 0, at));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      log.warn("unreadable exit file {}: {}", file, e.toString());
      return Optional.empty();
    }
  }

  /**
   * The record of the pod to adopt in {@code dir}: one whose supervisor still runs, or whose exit
   * was recorded; empty when there is none (never started, or its supervisor died without an exit,
   * as at a reboot: then the pod runs again).
   */
  static Optional<Record> adoptable(Path dir) {
    return record(dir).filter(r -> r.alive() || Files.exists(dir.resolve(EXIT)));
  }

  /**
   * Forgets what a previous run left in {@code dir}, so that nothing of it is adopted: the record,
   * the exit, the output files and the end mark.
   */
  static void forget(Path dir) throws IOException {
    for (String name : List.of(RECORD, EXIT, STDOUT, STDERR, LocalPod.ENDED_FILE)) {
      Files.deleteIfExists(dir.resolve(name));
    }
  }

  /**
   * Forgets a deleted pod's supervisor and outcome, so that a later pod of its name starts anew;
   * its log stays, and its end mark, by which its directory is swept.
   */
  static void forgetOutcome(Path dir) throws IOException {
    Files.deleteIfExists(dir.resolve(RECORD));
    Files.deleteIfExists(dir.resolve(EXIT));
  }

  /**
   * Stops the container of a supervised pod, its supervisor kept to record the end: SIGTERM to the
   * supervisor's descendants, SIGKILL after {@code grace}.
   */
  static void terminateContainer(Record r, Duration grace) {
    r.process()
        .ifPresent(supervisor -> ProcessTrees.terminate(supervisor.children().toList(), grace));
  }

  /**
   * Stops a supervised pod for good: SIGTERM to its supervisor's process group and descendants,
   * SIGKILL after {@code grace}. Its end is not recorded.
   */
  static void kill(Record r, Duration grace) {
    List<ProcessHandle> group = group(r);
    if (!group.isEmpty()) {
      ProcessTrees.terminate(group, grace);
    }
  }

  /**
   * The supervisor and the other members of its process group, while it runs: {@link
   * ProcessTrees#terminate} stops them with their descendants. Members that left its tree (a daemon
   * re-parented to init) are found by their group.
   */
  static List<ProcessHandle> group(Record r) {
    Optional<ProcessHandle> supervisor = r.process();
    if (supervisor.isEmpty()) {
      return List.of();
    }
    List<ProcessHandle> group = new ArrayList<>();
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      all.filter(p -> p.pid() != r.pid() && processGroup(p.pid()) == r.pid()).forEach(group::add);
    }
    group.add(supervisor.get());
    return group;
  }

  /** A process's start time in clock ticks since boot, from {@code /proc}, or empty. */
  static Optional<Long> startTicks(long pid) {
    return statField(pid, 22).filter(s -> stateOf(pid) != 'Z').map(Long::parseLong);
  }

  private static long processGroup(long pid) {
    return statField(pid, 5).map(Long::parseLong).orElse(-1L);
  }

  private static char stateOf(long pid) {
    return statField(pid, 3).map(s -> s.charAt(0)).orElse('?');
  }

  /** Field {@code n} (from 1, as {@code proc(5)} counts) of {@code /proc/<pid>/stat}. */
  private static Optional<String> statField(long pid, int n) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name is parenthesised and may itself contain ')' or spaces.
      String[] rest = stat.substring(stat.lastIndexOf(')') + 2).strip().split(" ");
      return n >= 3 && n - 3 < rest.length ? Optional.of(rest[n - 3]) : Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** {@code setsid} of this machine, which puts the supervisor in a session of its own. */
  private static final Optional<String> SETSID = findSetsid();

  private static Optional<String> findSetsid() {
    String path = System.getenv("PATH");
    for (String dir : (path == null ? "/usr/bin:/bin" : path).split(":")) {
      Path file = Path.of(dir.isEmpty() ? "." : dir, "setsid");
      if (Files.isRegularFile(file) && Files.isExecutable(file)) {
        return Optional.of(file.toString());
      }
    }
    log.warn(
        "setsid is not on the PATH: local pods stay in the worker's process group, and a worker"
            + " killed with its group takes its running pods along");
    return Optional.empty();
  }
}
