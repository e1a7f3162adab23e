package dev.targo.worker.executor.local;

import dev.targo.argo.plan.ContainerNode;
import dev.targo.argo.plan.TemplateBody.ContainerSetBody;
import dev.targo.argo.pod.ContainerSets;
import dev.targo.argo.pod.ContainerSets.Step;
import dev.targo.argo.pod.PodState.ContainerState;
import dev.targo.argo.pod.PodState.ContainerState.Terminated;
import dev.targo.argo.pod.PodState.ContainerStatus;
import dev.targo.worker.executor.local.ContainerLaunch.StartException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The containers of a {@code containerSet} pod of the {@code local} executor, run as Argo's
 * emissary runs them inside one pod ({@link ContainerSets}): each container's command starts once
 * its dependencies have ended successfully, independent ones at once, each in its own process with
 * its own log ({@code containers/<name>.log} in the pod's directory, and the pod's {@code main.log}
 * holding them all); a container whose dependency failed ends without running, with the emissary's
 * error; a failing command runs again in place as {@code containerSet.retryStrategy} says. The
 * pod's deadline ends every container still running (and those still waiting, as the kubelet's
 * SIGTERM ends their emissary: exit code 143).
 */
final class ContainerSetRun {

  /** Starts a container's process in the pod, or returns null once the pod is being stopped. */
  interface Launcher {
    Process launch(ContainerNode container, Map<String, String> env, PodRoot root)
        throws StartException, IOException;

    /** Forgets a process that has ended. */
    void ended(Process process);
  }

  /** The folder of the pod's directory that holds each container's log. */
  static final String LOGS_DIR = "containers";

  /** Exit code of an emissary ended by SIGTERM while it waited ({@code 128 + 15}). */
  static final int TERMINATED = 143;

  private final ContainerSetBody set;
  private final Map<String, PodRoot> roots;
  private final Map<String, Map<String, String>> env;
  private final Path podDir;
  private final String podName;
  private final Clock clock;
  private final Launcher launcher;
  private final ContainerSets.Retry retry;
  private final Map<String, PodOutput> outputs = new LinkedHashMap<>();
  private final LinkedBlockingQueue<Ended> endings = new LinkedBlockingQueue<>();
  private final Map<String, Thread> threads = new HashMap<>();
  private final Map<String, Process> running = new HashMap<>(); // guarded by this
  private volatile boolean killed;

  /** A container's end: its status, and the code it passes on to those that depend on it. */
  private record Ended(String name, Terminated state, int passOn) {}

  /** How the set ended: each container's final status (by name), and whether the deadline hit. */
  record Result(List<ContainerStatus> containers, boolean deadlineHit) {}

  /**
   * @param roots each container's root (all in the pod's own directory)
   * @param env each container's resolved {@code env}
   * @param podOutput the pod's output, which every container's output is copied into
   */
  ContainerSetRun(
      ContainerSetBody set,
      Map<String, PodRoot> roots,
      Map<String, Map<String, String>> env,
      Path podDir,
      String podName,
      PodOutput podOutput,
      Clock clock,
      ContainerSets.Retry retry,
      Launcher launcher) {
    this.set = set;
    this.roots = roots;
    this.env = env;
    this.podDir = podDir;
    this.podName = podName;
    this.clock = clock;
    this.retry = retry;
    this.launcher = launcher;
    for (ContainerNode c : set.containers()) {
      outputs.put(c.name(), new PodOutput(podOutput));
    }
  }

  /** The output of container {@code name}. */
  PodOutput output(String name) {
    return outputs.get(name);
  }

  /**
   * Runs the set to its end.
   *
   * @param deadlineNanos when the pod's deadline falls ({@link System#nanoTime()}), or null
   * @param killGrace how long a killed container may take to end before it is killed for good
   * @param running called with the status of every container once the set has started
   */
  Result run(Long deadlineNanos, Duration killGrace, Consumer<List<ContainerStatus>> running)
      throws InterruptedException, IOException {
    Files.createDirectories(podDir.resolve(LOGS_DIR));
    Instant startedAt = clock.instant();
    Map<String, ContainerState> states = new LinkedHashMap<>();
    for (ContainerNode c : set.containers()) {
      // Every container of the pod runs from the start: its emissary waits for its dependencies.
      states.put(c.name(), new ContainerState.Running(startedAt));
    }
    running.accept(statuses(states));
    Map<String, Integer> passedOn = new HashMap<>();
    Set<String> started = new HashSet<>();
    boolean deadlineHit = false;
    while (passedOn.size() < set.containers().size()) {
      List<Step> steps = killed ? List.of() : ContainerSets.next(set, passedOn, started);
      for (Step step : steps) {
        started.add(step.name());
        switch (step) {
          case Step.Start start -> start(start.name());
          case Step.Skip skip -> {
            // The emissary's error: it exits 64 without running the command.
            Instant now = clock.instant();
            endings.add(
                new Ended(
                    skip.name(),
                    new Terminated(
                        ContainerSets.EMISSARY_ERROR, "Error", skip.message(), startedAt, now),
                    skip.code()));
          }
        }
      }
      Ended ended;
      if (deadlineNanos == null || deadlineHit) {
        ended = endings.take();
      } else {
        long left = deadlineNanos - System.nanoTime();
        ended = left <= 0 ? endings.poll() : endings.poll(left, TimeUnit.NANOSECONDS);
        if (ended == null) {
          deadlineHit = true;
          kill(started, states, passedOn, killGrace);
          continue;
        }
      }
      passedOn.put(ended.name(), ended.passOn());
      states.put(ended.name(), ended.state());
      running.accept(statuses(states));
    }
    for (Thread t : threads.values()) {
      t.join();
    }
    return new Result(statuses(states), deadlineHit);
  }

  /**
   * The deadline: every running container is terminated (its process tree, after {@code
   * killGrace}), and every container not started yet ends as its waiting emissary would.
   */
  private void kill(
      Set<String> started,
      Map<String, ContainerState> states,
      Map<String, Integer> passedOn,
      Duration killGrace) {
    killed = true;
    Instant now = clock.instant();
    for (ContainerNode c : set.containers()) {
      if (!started.contains(c.name())) {
        started.add(c.name());
        endings.add(
            new Ended(
                c.name(),
                new Terminated(TERMINATED, "Error", null, stateStart(states, c.name()), now),
                TERMINATED));
      }
    }
    List<ProcessHandle> live = new ArrayList<>();
    synchronized (this) {
      running.values().forEach(p -> live.add(p.toHandle()));
    }
    threads.values().forEach(Thread::interrupt);
    ProcessTrees.terminate(live, killGrace);
  }

  private static Instant stateStart(Map<String, ContainerState> states, String name) {
    return states.get(name) instanceof ContainerState.Running r ? r.startedAt() : null;
  }

  /** Runs container {@code name}'s command on a thread of its own, again while it fails. */
  private void start(String name) {
    ContainerNode container =
        set.podContainers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    threads.put(
        name,
        Thread.ofVirtual()
            .name("targo-pod-" + podName + "-" + name)
            .start(() -> endings.add(runWithRetries(container))));
  }

  private Ended runWithRetries(ContainerNode container) {
    String name = container.name();
    PodOutput output = outputs.get(name);
    Path log = podDir.resolve(LOGS_DIR).resolve(name + ".log");
    Instant startedAt = clock.instant();
    Terminated last = null;
    for (int run = 1; run <= retry.runs(); run++) {
      if (run > 1) {
        try {
          Thread.sleep(retry.delay());
        } catch (InterruptedException e) {
          break;
        }
      }
      if (killed) {
        break;
      }
      Process p;
      Instant runStart = clock.instant();
      try {
        p = launcher.launch(container, env.get(name), roots.get(name));
      } catch (StartException e) {
        // A command that cannot start is not run again (Argo's emissary gives up at once too).
        last = new Terminated(128, "StartError", e.getMessage(), null, clock.instant());
        break;
      } catch (IOException e) {
        last = new Terminated(128, "StartError", e.toString(), null, clock.instant());
        break;
      }
      if (p == null) {
        break; // the pod is being stopped
      }
      synchronized (this) {
        running.put(name, p);
      }
      int code;
      try {
        p.getOutputStream().close();
        output.pump(p, podName + "-" + name, log);
        code = waitFor(p);
        awaitPumps(output);
      } catch (IOException e) {
        code = 128;
      } finally {
        synchronized (this) {
          running.remove(name);
        }
        launcher.ended(p);
      }
      last =
          new Terminated(code, code == 0 ? "Completed" : "Error", null, runStart, clock.instant());
      if (code == 0) {
        break;
      }
    }
    output.close();
    if (last == null) {
      // Never ran: stopped, or killed at the deadline while waiting to run again.
      last = new Terminated(TERMINATED, "Error", null, startedAt, clock.instant());
    }
    return new Ended(name, last, last.exitCode());
  }

  /** Waits for the output of an ended process to be read, an interrupt kept for later. */
  private static void awaitPumps(PodOutput output) {
    try {
      output.awaitPumps();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits for the process, through interrupts (a deadline kills it; its end is still awaited). */
  private static int waitFor(Process p) {
    boolean interrupted = false;
    while (true) {
      try {
        int code = p.waitFor();
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        return code;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
  }

  /** The statuses in the order the kubelet reports them: by container name. */
  private static List<ContainerStatus> statuses(Map<String, ContainerState> states) {
    return states.entrySet().stream()
        .map(e -> new ContainerStatus(e.getKey(), e.getValue()))
        .sorted(Comparator.comparing(ContainerStatus::name))
        .toList();
  }
}
