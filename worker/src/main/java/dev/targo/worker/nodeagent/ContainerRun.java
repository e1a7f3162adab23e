package dev.targo.worker.nodeagent;

import dev.targo.argo.Quantities;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.worker.executor.local.ContainerLaunch;
import dev.targo.worker.executor.local.MemoryCgroups;
import dev.targo.worker.executor.local.ProcessTrees;
import dev.targo.worker.executor.local.ReadinessProbes;
import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One container of a pod, run as a process of this machine by the {@code local} executor's
 * launcher: its standard output and error go to one log file (what {@code pods/log} serves), and
 * when it ends its exit code and termination message are what the kubelet would report.
 */
final class ContainerRun {
  /** The kubelet reads at most this much of a termination message file. */
  static final int MESSAGE_LIMIT = 4096;

  /** With {@code FallbackToLogsOnError}: the last 80 lines of the log, at most 2048 bytes. */
  private static final int FALLBACK_LINES = 80;

  private static final int FALLBACK_BYTES = 2048;

  private final Container container;
  private final Path log;
  private final Path messageFile;
  private volatile Process process;
  private volatile Instant startedAt;
  private volatile Instant finishedAt;
  private volatile boolean ended;
  private volatile MemoryCgroups.Cgroup memory;
  private volatile boolean oomKilled;
  private volatile boolean probed;
  private volatile Thread prober;
  private final List<Thread> pumps = new ArrayList<>();

  ContainerRun(Container container, Path podDir) {
    this.container = container;
    this.log = podDir.resolve(container.getName() + ".log");
    this.messageFile = podDir.resolve(container.getName() + ".termination-log");
  }

  String name() {
    return container.getName();
  }

  Container spec() {
    return container;
  }

  Path log() {
    return log;
  }

  /** The file of this machine that stands for the container's termination message path. */
  Path messageFile() {
    return messageFile;
  }

  Instant startedAt() {
    return startedAt;
  }

  Instant finishedAt() {
    return finishedAt;
  }

  /** True once the container has started (it may have ended since). */
  boolean started() {
    return startedAt != null;
  }

  /** True once the container has ended, or failed to start. */
  boolean ended() {
    return ended;
  }

  /**
   * Starts the process.
   *
   * @throws ContainerLaunch.StartException with the runtime's message when it cannot start
   */
  void start(ContainerPaths paths, Map<String, String> env, String podName, Path podDir)
      throws ContainerLaunch.StartException, IOException {
    Files.deleteIfExists(messageFile);
    Files.createFile(messageFile);
    Files.write(log, new byte[0]);
    ContainerSpec spec =
        new ContainerSpec(
            container.getImage(),
            paths.rewrite(container.getCommand()),
            List.of(),
            List.of(),
            paths.rewrite(container.getWorkingDir()),
            null,
            List.of(),
            null,
            null);
    memory = memoryLimit(podName);
    try {
      process =
          ContainerLaunch.start(
              spec, paths.rewrite(container.getArgs()), env, podName, podDir, memory);
    } catch (ContainerLaunch.StartException e) {
      finishedAt = Instant.now();
      ended = true;
      releaseMemory();
      throw e;
    }
    startedAt = Instant.now();
    probe(podName);
    process.getOutputStream().close();
    OutputStream out =
        Files.newOutputStream(log, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    pumps.add(pump(process.getInputStream(), out));
    pumps.add(pump(process.getErrorStream(), out));
    Thread.ofVirtual()
        .name("targo-agent-close-" + podName + "-" + name())
        .start(
            () -> {
              try {
                for (Thread t : pumps) {
                  t.join();
                }
                out.close();
              } catch (IOException | InterruptedException e) {
                // The log file stays as it is: nothing more can be written to it.
              }
            });
  }

  /** Waits up to {@code timeout} for the process to end; true when it has. */
  boolean await(Duration timeout) throws InterruptedException {
    Process p = process;
    if (p == null) {
      return ended;
    }
    boolean done = p.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
    if (done) {
      markEnded();
    }
    return done;
  }

  /** Exit code of an ended process (128 + signal when a signal ended it). */
  int exitCode() {
    return process.exitValue();
  }

  /** Stops the process as the runtime does: SIGTERM, then SIGKILL after {@code grace}. */
  void kill(Duration grace) {
    Process p = process;
    if (p != null && p.isAlive()) {
      ProcessTrees.terminate(List.of(p.toHandle()), grace);
    }
    if (p != null) {
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (!p.isAlive()) {
        markEnded();
      }
    }
  }

  /**
   * The container's {@code resources.limits.memory} as a cgroup it runs in, as the kubelet's
   * runtime enforces it; null without a limit (or where this machine gives no cgroup).
   */
  private MemoryCgroups.Cgroup memoryLimit(String podName) {
    var resources = container.getResources();
    var limit =
        resources == null || resources.getLimits() == null
            ? null
            : resources.getLimits().get("memory");
    if (limit == null) {
      return null;
    }
    long bytes;
    try {
      bytes = Quantities.bytes(limit.toString());
    } catch (IllegalArgumentException e) {
      return null;
    }
    return MemoryCgroups.limited(podName + "-" + name(), bytes);
  }

  /**
   * Runs the container's {@code readinessProbe} as the kubelet does ({@code httpGet}, {@code
   * tcpSocket}); a container without one, or with a kind this agent does not run, is ready once it
   * runs.
   */
  private void probe(String podName) {
    var spec = container.getReadinessProbe();
    if (spec == null || (spec.getHttpGet() == null && spec.getTcpSocket() == null)) {
      probed = true;
      return;
    }
    com.fasterxml.jackson.databind.JsonNode json = probeJson(spec);
    prober =
        Thread.ofVirtual()
            .name("targo-agent-probe-" + podName + "-" + name())
            .start(
                () -> {
                  try {
                    ReadinessProbes.awaitReady(json);
                    probed = true;
                  } catch (InterruptedException e) {
                    // The container ended first.
                  }
                });
  }

  /**
   * The probe as the pod spec writes it ({@code httpGet}/{@code tcpSocket} with a numeric port, the
   * timings), for {@link ReadinessProbes}; a port given by name stays a name, which never answers.
   */
  static com.fasterxml.jackson.databind.JsonNode probeJson(
      io.fabric8.kubernetes.api.model.Probe p) {
    var n = dev.targo.argo.Json.mapper().createObjectNode();
    if (p.getInitialDelaySeconds() != null) {
      n.put("initialDelaySeconds", p.getInitialDelaySeconds());
    }
    if (p.getPeriodSeconds() != null) {
      n.put("periodSeconds", p.getPeriodSeconds());
    }
    if (p.getTimeoutSeconds() != null) {
      n.put("timeoutSeconds", p.getTimeoutSeconds());
    }
    if (p.getSuccessThreshold() != null) {
      n.put("successThreshold", p.getSuccessThreshold());
    }
    if (p.getHttpGet() != null) {
      var get = n.putObject("httpGet");
      var h = p.getHttpGet();
      port(get, h.getPort());
      if (h.getPath() != null) {
        get.put("path", h.getPath());
      }
      if (h.getHost() != null) {
        get.put("host", h.getHost());
      }
      if (h.getScheme() != null) {
        get.put("scheme", h.getScheme());
      }
    } else if (p.getTcpSocket() != null) {
      var tcp = n.putObject("tcpSocket");
      port(tcp, p.getTcpSocket().getPort());
      if (p.getTcpSocket().getHost() != null) {
        tcp.put("host", p.getTcpSocket().getHost());
      }
    }
    return n;
  }

  private static void port(
      com.fasterxml.jackson.databind.node.ObjectNode action,
      io.fabric8.kubernetes.api.model.IntOrString port) {
    if (port == null) {
      return;
    }
    if (port.getIntVal() != null) {
      action.put("port", port.getIntVal());
    } else {
      action.put("port", port.getStrVal());
    }
  }

  /** True while the container runs and its readiness probe has passed (the kubelet's ready). */
  boolean ready() {
    return started() && !ended && probed;
  }

  /** True when the kernel killed the container for its memory limit (the kubelet's OOMKilled). */
  boolean oomKilled() {
    return oomKilled;
  }

  private void releaseMemory() {
    MemoryCgroups.Cgroup m = memory;
    if (m != null) {
      oomKilled = m.oomKilled();
      m.remove();
      memory = null;
    }
  }

  private synchronized void markEnded() {
    if (!ended) {
      releaseMemory();
      if (prober != null) {
        prober.interrupt();
      }
      finishedAt = Instant.now();
      ended = true;
      for (Thread t : pumps) {
        try {
          // Output written just before the exit is still in the pipe: let it reach the log.
          t.join(Duration.ofSeconds(1));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  /**
   * The termination message as the kubelet reads it: the file (at most 4096 bytes), or with {@code
   * FallbackToLogsOnError} and an empty file after a failure, the end of the log.
   */
  String terminationMessage(int exitCode) {
    try {
      byte[] bytes = Files.exists(messageFile) ? Files.readAllBytes(messageFile) : new byte[0];
      if (bytes.length > MESSAGE_LIMIT) {
        bytes = java.util.Arrays.copyOf(bytes, MESSAGE_LIMIT);
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (text.isEmpty()
          && exitCode != 0
          && "FallbackToLogsOnError".equals(container.getTerminationMessagePolicy())) {
        return logTail();
      }
      return text.isEmpty() ? null : text;
    } catch (IOException e) {
      return null;
    }
  }

  private String logTail() throws IOException {
    byte[] all = Files.readAllBytes(log);
    String text =
        new String(
            all,
            Math.max(0, all.length - FALLBACK_BYTES),
            Math.min(all.length, FALLBACK_BYTES),
            StandardCharsets.UTF_8);
    String[] lines = text.split("\n", -1);
    int from = Math.max(0, lines.length - FALLBACK_LINES - (text.endsWith("\n") ? 1 : 0));
    String tail = String.join("\n", java.util.Arrays.asList(lines).subList(from, lines.length));
    return tail.isEmpty() ? null : tail;
  }

  private static Thread pump(InputStream in, OutputStream out) {
    return Thread.ofVirtual()
        .start(
            () -> {
              byte[] buffer = new byte[8192];
              try (in) {
                for (int n; (n = in.read(buffer)) != -1; ) {
                  synchronized (out) {
                    out.write(buffer, 0, n);
                    out.flush();
                  }
                }
              } catch (IOException e) {
                // The process is gone and its pipe closed: its output ends here.
              }
            });
  }
}
