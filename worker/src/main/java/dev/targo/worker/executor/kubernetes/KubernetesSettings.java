package dev.targo.worker.executor.kubernetes;

import dev.targo.api.Names;
import java.time.Duration;

/**
 * How the {@code kubernetes} executor talks to its cluster.
 *
 * @param defaultNamespace namespace of pods whose workflow names none (the kubeconfig's or the
 *     service account's namespace)
 * @param hostnameLabelKey node label whose value names a host in {@code nodeAntiAffinity}
 *     exclusions (Argo's {@code RETRY_HOST_NAME_LABEL_KEY}); empty disables exclusion
 * @param logTailBytes how much of the end of the main container's log is kept as the attempt's
 *     {@code result} (Argo keeps the last 256 kB of {@code outputs.result})
 * @param apiRetry backoff for transient API errors inside one activity call
 * @param scriptInitImage image of the {@code init} container that writes a script template's source
 *     into the pod (Argo uses its own {@code argoexec} image for this); it needs {@code sh}
 * @param presenceCheck how long a waiting attempt trusts the shared informer's silence before it
 *     asks the API server directly whether its pod still exists
 * @param watchGrace how long a namespace's shared informer may go without an open watch before it
 *     is replaced by a fresh one (fabric8 reconnects by itself, but its backoff grows to 32 s and
 *     some failures stop an informer for good)
 * @param failedPodRestarts how many times one attempt's pod that failed before its main container
 *     ran, for a node's reason (evicted, node shut down), is created again without costing a retry
 *     (Argo 4's {@code failedPodRestart.maxRestarts}); 0, the default as in Argo, never
 */
public record KubernetesSettings(
    String defaultNamespace,
    String hostnameLabelKey,
    int logTailBytes,
    ApiRetry.Policy apiRetry,
    String scriptInitImage,
    Duration presenceCheck,
    Duration watchGrace,
    int failedPodRestarts) {

  /** Argo's limit on {@code outputs.result}: 256 kB. */
  public static final int DEFAULT_LOG_TAIL_BYTES = 256 * 1024;

  /** A small public image with a POSIX shell. */
  public static final String DEFAULT_SCRIPT_INIT_IMAGE = "busybox:1.37";

  /** Longer than fabric8's usual one-second reconnect, shorter than its 32 s backoff cap. */
  public static final Duration DEFAULT_WATCH_GRACE = Duration.ofSeconds(10);

  public KubernetesSettings {
    if (defaultNamespace == null || defaultNamespace.isEmpty()) {
      defaultNamespace = Names.DEFAULT_NAMESPACE;
    }
    if (hostnameLabelKey == null) {
      hostnameLabelKey = Names.DEFAULT_HOSTNAME_LABEL;
    }
    if (logTailBytes < 0) {
      throw new IllegalArgumentException("logTailBytes must not be negative: " + logTailBytes);
    }
    if (failedPodRestarts < 0) {
      throw new IllegalArgumentException(
          "failedPodRestarts must not be negative: " + failedPodRestarts);
    }
    if (watchGrace == null || !watchGrace.isPositive()) {
      throw new IllegalArgumentException("watchGrace must be positive: " + watchGrace);
    }
  }

  /** Defaults for a namespace: hostname label, 256 kB log tail, default retry policy. */
  public static KubernetesSettings defaults(String namespace) {
    return new KubernetesSettings(
        namespace,
        Names.DEFAULT_HOSTNAME_LABEL,
        DEFAULT_LOG_TAIL_BYTES,
        ApiRetry.Policy.DEFAULT,
        DEFAULT_SCRIPT_INIT_IMAGE,
        Duration.ofSeconds(30),
        DEFAULT_WATCH_GRACE,
        0);
  }

  /** These settings with another {@link #presenceCheck}. */
  public KubernetesSettings withPresenceCheck(Duration check) {
    return new KubernetesSettings(
        defaultNamespace,
        hostnameLabelKey,
        logTailBytes,
        apiRetry,
        scriptInitImage,
        check,
        watchGrace,
        failedPodRestarts);
  }

  /** These settings with another {@link #watchGrace}. */
  public KubernetesSettings withWatchGrace(Duration grace) {
    return new KubernetesSettings(
        defaultNamespace,
        hostnameLabelKey,
        logTailBytes,
        apiRetry,
        scriptInitImage,
        presenceCheck,
        grace,
        failedPodRestarts);
  }

  /** These settings with another {@link #failedPodRestarts}. */
  public KubernetesSettings withFailedPodRestarts(int restarts) {
    return new KubernetesSettings(
        defaultNamespace,
        hostnameLabelKey,
        logTailBytes,
        apiRetry,
        scriptInitImage,
        presenceCheck,
        watchGrace,
        restarts);
  }
}
