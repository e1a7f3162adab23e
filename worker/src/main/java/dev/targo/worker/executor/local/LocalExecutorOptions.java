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
 * @param podRetention how long the directory of a finished pod (its log, scripts and files) stays
 *     in the state directory; zero keeps them all
 * @param ownRoots each pod in its own root with bubblewrap where this machine has it ({@link
 *     PodRoot}); false runs every pod as a plain process on this machine's file system
 * @param podsOutliveClose true when {@link LocalExecutor#close()} lets go of running pods instead
 *     of killing them, for a later executor on the same state directory to adopt (a worker's
 *     shutdown); false kills them (an embedded run that leaves nothing behind)
 * @param nodePrefix what the simulated nodes' names start with ({@code node-}; {@code
 *     gpu-east-node-} for the executor of targo's cluster {@code gpu-east})
 */
public record LocalExecutorOptions(
    int nodes,
    String hostnameLabelKey,
    Path stateDir,
    Duration heartbeatInterval,
    Duration killGracePeriod,
    int finishedPodsKept,
    Clock clock,
    Duration podRetention,
    boolean ownRoots,
    boolean podsOutliveClose,
    String nodePrefix) {

  /** The prefix of the simulated nodes' names by default: {@code node-1} … {@code node-N}. */
  public static final String NODE_PREFIX = "node-";

  /** Settings whose nodes are named {@code node-1} … {@code node-N}. */
  public LocalExecutorOptions(
      int nodes,
      String hostnameLabelKey,
      Path stateDir,
      Duration heartbeatInterval,
      Duration killGracePeriod,
      int finishedPodsKept,
      Clock clock,
      Duration podRetention,
      boolean ownRoots,
      boolean podsOutliveClose) {
    this(
        nodes,
        hostnameLabelKey,
        stateDir,
        heartbeatInterval,
        killGracePeriod,
        finishedPodsKept,
        clock,
        podRetention,
        ownRoots,
        podsOutliveClose,
        NODE_PREFIX);
  }

  /** Settings whose nodes are named {@code node-1} … {@code node-N}, killing pods on close. */
  public LocalExecutorOptions(
      int nodes,
      String hostnameLabelKey,
      Path stateDir,
      Duration heartbeatInterval,
      Duration killGracePeriod,
      int finishedPodsKept,
      Clock clock,
      Duration podRetention,
      boolean ownRoots) {
    this(
        nodes,
        hostnameLabelKey,
        stateDir,
        heartbeatInterval,
        killGracePeriod,
        finishedPodsKept,
        clock,
        podRetention,
        ownRoots,
        false);
  }

  public LocalExecutorOptions {
    nodePrefix = nodePrefix == null ? NODE_PREFIX : nodePrefix;
    if (nodes < 1) {
      throw new IllegalArgumentException("the local executor needs at least 1 node, got " + nodes);
    }
    if (finishedPodsKept < 0) {
      throw new IllegalArgumentException("finishedPodsKept must be >= 0, got " + finishedPodsKept);
    }
    hostnameLabelKey = hostnameLabelKey == null ? "" : hostnameLabelKey;
    podRetention = podRetention == null ? Duration.ZERO : podRetention;
    if (podRetention.isNegative()) {
      throw new IllegalArgumentException("podRetention must be >= 0, got " + podRetention);
    }
  }

  /** How long finished pods' directories are kept by default: a day. */
  public static final Duration DEFAULT_POD_RETENTION = Duration.ofHours(24);

  /** Settings keeping finished pods' directories for {@link #DEFAULT_POD_RETENTION}. */
  public LocalExecutorOptions(
      int nodes,
      String hostnameLabelKey,
      Path stateDir,
      Duration heartbeatInterval,
      Duration killGracePeriod,
      int finishedPodsKept,
      Clock clock) {
    this(
        nodes,
        hostnameLabelKey,
        stateDir,
        heartbeatInterval,
        killGracePeriod,
        finishedPodsKept,
        clock,
        DEFAULT_POD_RETENTION,
        true,
        false);
  }

  /**
   * Three nodes, Kubernetes' hostname label, a 1 s heartbeat, a 5 s kill grace period, finished
   * pods' directories kept a day.
   */
  public static LocalExecutorOptions defaults() {
    return new LocalExecutorOptions(
        3,
        Names.DEFAULT_HOSTNAME_LABEL,
        null,
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        1000,
        Clock.systemUTC(),
        DEFAULT_POD_RETENTION,
        true,
        false);
  }

  public LocalExecutorOptions withNodes(int n) {
    return new LocalExecutorOptions(
        n,
        hostnameLabelKey,
        stateDir,
        heartbeatInterval,
        killGracePeriod,
        finishedPodsKept,
        clock,
        podRetention,
        ownRoots,
        podsOutliveClose,
        nodePrefix);
  }

  public LocalExecutorOptions withHostnameLabelKey(String key) {
    return new LocalExecutorOptions(
        nodes,
        key,
        stateDir,
        heartbeatInterval,
        killGracePeriod,
        finishedPodsKept,
        clock,
        podRetention,
        ownRoots,
        podsOutliveClose,
        nodePrefix);
  }

  public LocalExecutorOptions withStateDir(Path dir) {
    return new LocalExecutorOptions(
        nodes,
        hostnameLabelKey,
        dir,
        heartbeatInterval,
        killGracePeriod,
        finishedPodsKept,
        clock,
        podRetention,
        ownRoots,
        podsOutliveClose,
        nodePrefix);
  }

  public LocalExecutorOptions withHeartbeatInterval(Duration interval) {
    return new LocalExecutorOptions(
        nodes,
        hostnameLabelKey,
        stateDir,
        interval,
        killGracePeriod,
        finishedPodsKept,
        clock,
        podRetention,
        ownRoots,
        podsOutliveClose,
        nodePrefix);
  }

  public LocalExecutorOptions withKillGracePeriod(Duration grace) {
    return new LocalExecutorOptions(
        nodes,
        hostnameLabelKey,
        stateDir,
        heartbeatInterval,
        grace,
        finishedPodsKept,
        clock,
        podRetention,
        ownRoots,
        podsOutliveClose,
        nodePrefix);
  }

  public LocalExecutorOptions withPodRetention(Duration retention) {
    return new LocalExecutorOptions(
        nodes,
        hostnameLabelKey,
        stateDir,
        heartbeatInterval,
        killGracePeriod,
        finishedPodsKept,
        clock,
        retention,
        ownRoots,
        podsOutliveClose,
        nodePrefix);
  }

  public LocalExecutorOptions withFinishedPodsKept(int kept) {
    return new LocalExecutorOptions(
        nodes,
        hostnameLabelKey,
        stateDir,
        heartbeatInterval,
        killGracePeriod,
        kept,
        clock,
        podRetention,
        ownRoots,
        podsOutliveClose,
        nodePrefix);
  }

  public LocalExecutorOptions withOwnRoots(boolean own) {
    return new LocalExecutorOptions(
        nodes,
        hostnameLabelKey,
        stateDir,
        heartbeatInterval,
        killGracePeriod,
        finishedPodsKept,
        clock,
        podRetention,
        own,
        podsOutliveClose,
        nodePrefix);
  }

  public LocalExecutorOptions withPodsOutliveClose(boolean outlive) {
    return new LocalExecutorOptions(
        nodes,
        hostnameLabelKey,
        stateDir,
        heartbeatInterval,
        killGracePeriod,
        finishedPodsKept,
        clock,
        podRetention,
        ownRoots,
        outlive,
        nodePrefix);
  }

  /** The same settings with nodes named {@code <prefix>1} … {@code <prefix>N}. */
  public LocalExecutorOptions withNodePrefix(String prefix) {
    return new LocalExecutorOptions(
        nodes,
        hostnameLabelKey,
        stateDir,
        heartbeatInterval,
        killGracePeriod,
        finishedPodsKept,
        clock,
        podRetention,
        ownRoots,
        podsOutliveClose,
        prefix);
  }
}
