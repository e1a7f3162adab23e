package dev.targo.worker.nodeagent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pieces of a pod status as the kubelet writes them (API field names and values), as plain maps
 * for a strategic merge patch of {@code pods/status}. Pure.
 */
final class PodStatuses {
  private PodStatuses() {}

  /** {@code status.reason} and {@code status.message} of a pod past its deadline (kubelet). */
  static final String DEADLINE_REASON = "DeadlineExceeded";

  static final String DEADLINE_MESSAGE =
      "Pod was active on the node longer than the specified deadline";

  static final String EVICTED_REASON = "Evicted";

  /** The kubelet's eviction message under memory pressure (its format, fixed figures). */
  static final String EVICTED_MESSAGE =
      "The node was low on resource: memory. Threshold quantity: 100Mi, available: 51200Ki. ";

  /** The kubelet's admission message for a pod that reaches a node under memory pressure. */
  static final String ADMISSION_EVICTED_MESSAGE = "The node had condition: [MemoryPressure]. ";

  /** What the kubelet reports for a container it can no longer find (its runtime lost it). */
  static final String UNKNOWN_REASON = "ContainerStatusUnknown";

  static final String UNKNOWN_MESSAGE =
      "The container could not be located when the pod was terminated";

  /** The pod garbage collector's condition on a pod whose node is gone. */
  static final String PODGC_REASON = "DeletionByPodGC";

  static final String PODGC_MESSAGE = "PodGC: node no longer exists";

  /** The state of one container, as the agent knows it. */
  sealed interface State {
    record Waiting(String reason, String message) implements State {}

    record Running(Instant startedAt) implements State {}

    record Terminated(
        int exitCode, String reason, String message, Instant startedAt, Instant finishedAt)
        implements State {}
  }

  static String time(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  static Map<String, Object> container(String name, String image, String containerId, State state) {
    return container(name, image, containerId, state, state instanceof State.Running);
  }

  /**
   * A container's status; {@code ready} for a running one whose readiness probe passed (or that has
   * none).
   */
  static Map<String, Object> container(
      String name, String image, String containerId, State state, boolean ready) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("name", name);
    s.put("image", image);
    s.put("imageID", "");
    boolean running = state instanceof State.Running;
    boolean started = !(state instanceof State.Waiting);
    if (started && containerId != null) {
      s.put("containerID", containerId);
    }
    s.put("ready", running && ready);
    s.put("started", running);
    s.put("restartCount", 0);
    Map<String, Object> st = new LinkedHashMap<>();
    switch (state) {
      case State.Waiting w -> st.put("waiting", reasonAndMessage(w.reason(), w.message()));
      case State.Running r -> st.put("running", Map.of("startedAt", time(r.startedAt())));
      case State.Terminated t -> {
        Map<String, Object> term = new LinkedHashMap<>();
        term.put("exitCode", t.exitCode());
        term.putAll(reasonAndMessage(t.reason(), t.message()));
        // A container that never started has the zero time as its start, as the kubelet reports.
        term.put("startedAt", t.startedAt() == null ? "1970-01-01T00:00:00Z" : time(t.startedAt()));
        term.put("finishedAt", time(t.finishedAt()));
        if (containerId != null) {
          term.put("containerID", containerId);
        }
        st.put("terminated", term);
      }
    }
    s.put("state", st);
    return s;
  }

  static Map<String, Object> condition(String type, boolean status, String reason, String message) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", type);
    c.put("status", status ? "True" : "False");
    c.put("lastProbeTime", null);
    c.put("lastTransitionTime", time(Instant.now()));
    // Explicit nulls: conditions are merged by type, and a reason or message of an earlier state
    // would otherwise stay.
    c.put("reason", reason);
    c.put("message", message);
    return c;
  }

  /**
   * The kubelet's pod conditions for a pod whose containers are {@code ready} (all running) or not,
   * with init containers done or not, and whether the pod's sandbox exists.
   */
  static List<Map<String, Object>> conditions(
      boolean sandbox, boolean initialized, boolean ready, boolean terminal, List<String> unready) {
    List<Map<String, Object>> list = new ArrayList<>();
    list.add(condition("PodReadyToStartContainers", sandbox && !terminal, null, null));
    list.add(
        condition(
            "Initialized",
            initialized,
            initialized ? null : "ContainersNotInitialized",
            initialized ? null : "containers with incomplete status: " + unready));
    String reason = terminal ? "PodCompleted" : ready ? null : "ContainersNotReady";
    String message = terminal || ready ? null : "containers with unready status: " + unready;
    list.add(condition("Ready", ready, reason, message));
    list.add(condition("ContainersReady", ready, reason, message));
    return list;
  }

  private static Map<String, Object> reasonAndMessage(String reason, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (reason != null && !reason.isEmpty()) {
      m.put("reason", reason);
    }
    if (message != null && !message.isEmpty()) {
      m.put("message", message);
    }
    return m;
  }
}
