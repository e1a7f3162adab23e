package dev.targo.worker.executor.local;

import dev.targo.api.Names;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Settings of the {@link LocalExecutor}.
 *
 * @param nodes how many simulated nodes ({@code node-1} … {@code node-N}), at least 1
 * @param hostnameLabelKey the node label that names a host for {@code nodeAntiAffinity} (Argo's
 *     {@code RETRY_HOST_NAME_LABEL_KEY}); empty disables exclusions
 * @param stateDir where pods keep their logs and staged scripts (one directory per pod), or null
 *     for a fresh temporary directory
 * @param heartbeatInterval how often a waiting call reports progress
 * @param killGracePeriod how long a stopped process may take to exit after SIGTERM before SIGKILL
 * @param finishedPodsKept how many finished pods are remembered for adoption by name
 * @param clock the clock that stamps pod times
 */
public record LocalExecutorOptions(
    int nodes,
    String hostnameLabelKey,
    Path stateDir,
    Duration heartbeatInterval,
    Duration killGracePeriod,
    int finishedPodsKept,
    Clock clock) {

  public LocalExecutorOptions {
    if (nodes < 1) {
      throw new IllegalArgumentException("the local executor needs at least 1 node, got " + nodes);
    }
    if (finishedPodsKept < 0) {
      throw new IllegalArgumentException("finishedPodsKept must be >= 0, got " + finishedPodsKept);
    }
    hostnameLabelKey = hostnameLabelKey == null ? "" : hostnameLabelKey;
  }

  /** Three nodes, Kubernetes' hostname label, a 1 s heartbeat, a 5 s kill grace period. */
  public static LocalExecutorOptions defaults() {
    return new LocalExecutorOptions(
        3,
        Names.DEFAULT_HOSTNAME_LABEL,
        null,
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        1000,
        Clock.systemUTC());
  }

  public LocalExecutorOptions withNodes(int n) {
    return new LocalExecutorOptions(
        n, hostnameLabelKey, stateDir, heartbeatInterval, killGracePeriod, finishedPodsKept, clock);
  }

  public LocalExecutorOptions withHostnameLabelKey(String key) {
    return new LocalExecutorOptions(
        nodes, key, stateDir, heartbeatInterval, killGracePeriod, finishedPodsKept, clock);
  }

  public LocalExecutorOptions withStateDir(Path dir) {
    return new LocalExecutorOptions(
        nodes, hostnameLabelKey, dir, heartbeatInterval, killGracePeriod, finishedPodsKept, clock);
  }

  public LocalExecutorOptions withHeartbeatInterval(Duration interval) {
    return new LocalExecutorOptions(
        nodes, hostnameLabelKey, stateDir, interval, killGracePeriod, finishedPodsKept, clock);
  }

  public LocalExecutorOptions withKillGracePeriod(Duration grace) {
    return new LocalExecutorOptions(
        nodes, hostnameLabelKey, stateDir, heartbeatInterval, grace, finishedPodsKept, clock);
  }

  public LocalExecutorOptions withFinishedPodsKept(int kept) {
    return new LocalExecutorOptions(
        nodes, hostnameLabelKey, stateDir, heartbeatInterval, killGracePeriod, kept, clock);
  }
}
