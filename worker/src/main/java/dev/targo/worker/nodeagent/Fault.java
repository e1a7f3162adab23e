package dev.targo.worker.nodeagent;

import java.util.Locale;

/**
 * A node fault the agent simulates on request: the value of the node's {@link #ANNOTATION}, set
 * through the API ({@code kubectl annotate node NAME targo.dev/node-agent-fault=evict}) while the
 * agent runs. Removing the annotation ends the fault.
 */
public enum Fault {
  /** The node works. */
  NONE,
  /**
   * The node runs out of memory: the kubelet evicts every pod running on it (Failed, reason {@code
   * Evicted}, the kubelet's message), reports {@code MemoryPressure}, and the node is tainted
   * {@code node.kubernetes.io/memory-pressure:NoSchedule}, so the scheduler places no new pod
   * there.
   */
  EVICT,
  /**
   * The node never starts containers: its pods stay Pending with their containers waiting in {@code
   * ContainerCreating} (a stuck runtime or volume), while the kubelet still enforces {@code
   * activeDeadlineSeconds}.
   */
  NO_START,
  /**
   * The node stops reporting, as a machine that lost power: {@code Ready} turns {@code Unknown}
   * ("Kubelet stopped posting node status."), the node is tainted unreachable (NoSchedule and
   * NoExecute) as the node lifecycle controller does, its pods are marked not ready, and their
   * processes are gone. Deleting the node then (as a cloud provider deletes a lost machine) makes
   * the agent act as the pod garbage collector: each of its pods is marked Failed with a {@code
   * DisruptionTarget} condition and deleted.
   */
  NOT_READY;

  /** The node annotation that requests a fault. */
  public static final String ANNOTATION = "targo.dev/node-agent-fault";

  /** The fault an annotation value names; null or empty is {@link #NONE}. */
  public static Fault parse(String value) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    try {
      return valueOf(value.strip().replace('-', '_').toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown node fault '" + value + "' (evict, no-start, not-ready, or empty for none)");
    }
  }

  /** The annotation value that requests this fault. */
  public String value() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
