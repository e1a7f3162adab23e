package dev.targo.worker.workflow;

import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.TopologyExclusion;
import java.time.Duration;
import java.util.List;

/**
 * The one-line summaries the Temporal Web UI shows for each attempt's activity and each backoff
 * timer. Attempts are counted from 1 here ({@code attempt 3/11} is Argo's {@code wf(2)} of at most
 * 11), as a person reads "3 of 11". Pure.
 */
public final class Summaries {
  private Summaries() {}

  /**
   * {@code attempt 3/11 of retry-backoff, excluding [node-1]}; without a limit {@code attempt 3 of
   * retry-backoff}; the exclusion part only when hosts are excluded.
   *
   * @param attempt the attempt index, from 0
   * @param limit the strategy's retry limit, or null when unlimited
   */
  public static String attempt(int attempt, Integer limit, String template, List<String> excluded) {
    return attempt(attempt, limit, template, excluded, List.of());
  }

  /**
   * {@link #attempt(int, Integer, String, List)}, then the hosts it only prefers not to use ({@code
   * nodeAntiAffinity.type: Preferred}): {@code attempt 3/4 of flaky, avoiding [node-1, node-2]}.
   */
  public static String attempt(
      int attempt, Integer limit, String template, List<String> excluded, List<String> avoided) {
    return attempt(attempt, limit, template, excluded, avoided, null, null);
  }

  /**
   * {@link #attempt(int, Integer, String, List, List)}, then the topology domains it keeps away
   * from ({@code nodeAntiAffinity.topologyKey}): {@code attempt 2/4 of flaky, excluding the
   * topology.kubernetes.io/zone of [node-1]} ({@code avoiding …} when preferred), then how {@code
   * retryStrategy.onOOMKilled} grew its memory: {@code attempt 2/4 of big, memory 64Mi→128Mi after
   * OOMKilled}.
   *
   * @param topology the request's topology exclusion, or null
   * @param memoryNote the planner's note, or null when the memory did not grow
   */
  public static String attempt(
      int attempt,
      Integer limit,
      String template,
      List<String> excluded,
      List<String> avoided,
      TopologyExclusion topology,
      String memoryNote) {
    return attempt(attempt, limit, template, null, excluded, avoided, topology, memoryNote);
  }

  /**
   * {@link #attempt(int, Integer, String, List, List, TopologyExclusion, String)} with the cluster
   * the attempt's pod runs in (targo's clusters) after the template: {@code attempt 2/3 of train on
   * gpu-west}.
   *
   * @param cluster the attempt's cluster, or null when it names none
   */
  public static String attempt(
      int attempt,
      Integer limit,
      String template,
      String cluster,
      List<String> excluded,
      List<String> avoided,
      TopologyExclusion topology,
      String memoryNote) {
    StringBuilder s = new StringBuilder("attempt ").append(attempt + 1);
    if (limit != null) {
      s.append('/').append((long) limit + 1);
    }
    s.append(" of ").append(template);
    if (cluster != null) {
      s.append(" on ").append(cluster);
    }
    if (!excluded.isEmpty()) {
      s.append(", excluding [").append(String.join(", ", excluded)).append(']');
    }
    if (!avoided.isEmpty()) {
      s.append(", avoiding [").append(String.join(", ", avoided)).append(']');
    }
    if (topology != null) {
      s.append(topology.preferred() ? ", avoiding the " : ", excluding the ")
          .append(topology.key())
          .append(" of [")
          .append(String.join(", ", topology.hosts()))
          .append(']');
    }
    if (memoryNote != null) {
      s.append(", ").append(memoryNote);
    }
    return s.toString();
  }

  /**
   * {@code backoff 4s before attempt 3 — attempt 2 Failed (exit 1) on node-2}: the wait, the
   * attempt it precedes (counted from 1) and how the one before it ended.
   *
   * @param nextAttempt the index of the attempt the wait precedes, from 0
   * @param last how the attempt before it ended
   */
  public static String backoff(Duration wait, int nextAttempt, AttemptOutcome last) {
    return backoff(wait, Duration.ZERO, nextAttempt, last);
  }

  /**
   * {@link #backoff(Duration, int, AttemptOutcome)} with the part of the wait {@code
   * backoff.jitter} added: {@code backoff 4.3s (jitter +300ms) before attempt 3 — …}.
   */
  public static String backoff(
      Duration wait, Duration jitter, int nextAttempt, AttemptOutcome last) {
    String added = jitter.isZero() ? "" : " (jitter +" + goDuration(jitter) + ")";
    return "backoff "
        + goDuration(wait)
        + added
        + " before attempt "
        + (nextAttempt + 1)
        + " — "
        + outcome(nextAttempt, last);
  }

  /** {@code suspend wf.approve for 20s}: a suspend node's {@code duration}. */
  public static String suspend(String nodeName, Duration duration) {
    return "suspend " + nodeName + " for " + goDuration(duration);
  }

  /**
   * {@code attempt 2 Failed (exit 1) on node-2}, {@code attempt 2 Failed (exit 137, OOMKilled)}
   * with a termination reason; without an exit code the message ({@code attempt 2 Error: pod
   * deleted}); without a host nothing about where.
   *
   * @param attempt the attempt's index, from 0
   */
  static String outcome(int attempt, AttemptOutcome o) {
    StringBuilder s = new StringBuilder("attempt ").append(attempt).append(' ').append(o.phase());
    if (o.exitCode() != null) {
      s.append(" (exit ").append(o.exitCode());
      if (o.reason() != null) {
        s.append(", ").append(o.reason());
      }
      s.append(')');
    } else if (o.message() != null && !o.message().isBlank()) {
      s.append(": ").append(o.message());
    }
    if (o.hostNodeName() != null && !o.hostNodeName().isBlank()) {
      s.append(" on ").append(o.hostNodeName());
    }
    return s.toString();
  }

  /**
   * {@code text} with the cluster its activity goes to: {@code delete pod wf-say-1234 on gpu-west};
   * {@code text} itself when {@code cluster} is null.
   */
  public static String onCluster(String text, String cluster) {
    return cluster == null ? text : text + " on " + cluster;
  }

  /** {@code delete pod wf-say-1234}. */
  public static String deletePod(String podName) {
    return "delete pod " + podName;
  }

  /** {@code delete pod p of an abandoned attempt}. */
  public static String deleteAbandonedPod(String podName) {
    return "delete pod " + podName + " of an abandoned attempt";
  }

  /** {@code read ConfigMaps a, b}. */
  public static String readConfigMaps(java.util.List<String> names) {
    return "read ConfigMaps " + String.join(", ", names);
  }

  /** {@code delete pods of workflow wf}. */
  public static String deleteWorkflowPods(String workflowName) {
    return "delete pods of workflow " + workflowName;
  }

  /**
   * Go's {@code time.Duration.String()}: {@code 4s}, {@code 1m30s}, {@code 1h0m0s}, {@code 1.5s}.
   */
  static String goDuration(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.compareTo(Duration.ofSeconds(1)) < 0) {
      long nanos = d.toNanos();
      if (nanos % 1_000_000 == 0) {
        return nanos / 1_000_000 + "ms";
      }
      return nanos % 1_000 == 0 ? nanos / 1_000 + "µs" : nanos + "ns";
    }
    long hours = d.toHours();
    int minutes = d.toMinutesPart();
    String seconds = seconds(d.toSecondsPart(), d.toNanosPart());
    if (hours > 0) {
      return hours + "h" + minutes + "m" + seconds + "s";
    }
    return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
  }

  private static String seconds(int whole, int nanos) {
    if (nanos == 0) {
      return Integer.toString(whole);
    }
    String fraction = String.format("%09d", nanos).replaceAll("0+$", "");
    return whole + "." + fraction;
  }
}
