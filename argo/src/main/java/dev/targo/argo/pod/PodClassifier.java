package dev.targo.argo.pod;

import dev.targo.argo.pod.PodState.Condition;
import dev.targo.argo.pod.PodState.ContainerState.Running;
import dev.targo.argo.pod.PodState.ContainerState.Terminated;
import dev.targo.argo.pod.PodState.ContainerState.Waiting;
import dev.targo.argo.pod.PodState.ContainerStatus;
import dev.targo.argo.status.NodePhase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Argo's reading of a pod's status (ARGO-SEMANTICS §2), with Argo's exact messages: the rules of
 * its controller's {@code assessNodeStatus}, {@code inferFailedReason} and {@code
 * getPendingReason}. Pure.
 *
 * <p>One deliberate difference: Argo's pods carry a {@code wait} sidecar and Argo reports success
 * of a Failed pod only when both {@code main} and {@code wait} exited 0. targo's pods have no
 * {@code wait} container, so its success is required only when the pod reports one.
 */
public final class PodClassifier {
  private PodClassifier() {}

  /** Message of a pod that vanished after it had started (Argo's text). */
  public static final String POD_DELETED = "pod deleted";

  /** Live message of a pod that vanished before it started: it is created again, as Argo does. */
  public static final String DELETED_BEFORE_START = "pod deleted before it started";

  /** Classifies a pod's last known state; its template runs in the container {@code main}. */
  public static Classification classify(PodState pod) {
    return classify(pod, MAIN_ONLY);
  }

  private static final List<String> MAIN_ONLY = List.of(PodState.MAIN);

  /**
   * Classifies a pod's last known state; {@code mains} are the containers that run its template
   * (Argo's {@code GetMainContainerNames}: {@code main}, or every container of a {@code
   * containerSet}), judged as Argo judges {@code main}.
   */
  public static Classification classify(PodState pod, Collection<String> mains) {
    Integer exitCode = mainExitCode(pod);
    if (pod.deleted()) {
      // A pod whose end was observed keeps that end; one that vanished while Pending is re-created
      // by the caller (Argo re-submits it); one that vanished while running is an Error.
      switch (pod.phase()) {
        case Succeeded, Failed -> {}
        case Pending -> {
          return new Classification(NodePhase.Pending, DELETED_BEFORE_START, null);
        }
        case Running, Unknown -> {
          return new Classification(NodePhase.Error, POD_DELETED, exitCode);
        }
      }
    }
    return switch (pod.phase()) {
      case Pending -> new Classification(NodePhase.Pending, pendingMessage(pod), null);
      case Running -> new Classification(NodePhase.Running, null, null);
      case Succeeded -> new Classification(NodePhase.Succeeded, null, exitCode);
      case Failed -> failed(pod, exitCode, mains);
      case Unknown ->
          new Classification(
              NodePhase.Error,
              "Unexpected pod phase for " + pod.name() + ": " + pod.phase(),
              exitCode);
    };
  }

  /**
   * The reason a Pending pod is waiting, as Argo shows it: the first waiting container's {@code
   * <reason>: <message>} ({@code ImagePullBackOff: Back-off pulling image "x"}), else the
   * scheduler's {@code Unschedulable: 0/3 nodes are available: …}; null when there is none.
   */
  public static String pendingMessage(PodState pod) {
    for (ContainerStatus c : pod.containers()) {
      if (c.state() instanceof Waiting w) {
        return nonEmpty(w.message()) ? text(w.reason()) + ": " + w.message() : orNull(w.reason());
      }
    }
    for (Condition cond : pod.conditions()) {
      if (Condition.UNSCHEDULABLE.equals(cond.reason())) {
        return nonEmpty(cond.message()) ? cond.reason() + ": " + cond.message() : cond.reason();
      }
    }
    return null;
  }

  private static Classification failed(PodState pod, Integer exitCode, Collection<String> mains) {
    if (nonEmpty(pod.message())) {
      // Eviction, activeDeadlineSeconds, node shutdown: the kubelet's own words.
      return new Classification(NodePhase.Failed, pod.message(), exitCode);
    }
    // Init containers first, then main, then wait, then any sidecar (a stable sort keeps order).
    List<ContainerStatus> ordered = new ArrayList<>(pod.initContainers());
    pod.containers().stream()
        .sorted(Comparator.comparingInt(c -> rank(c, mains)))
        .forEachOrdered(ordered::add);
    if (ordered.isEmpty()) {
      return new Classification(
          NodePhase.Failed,
          "can't find failed message for pod " + pod.name() + " namespace " + pod.namespace(),
          exitCode);
    }
    boolean mainSucceeded = false;
    boolean waitSucceeded = false;
    for (ContainerStatus c : ordered) {
      switch (c.state()) {
        case Waiting w -> {
          return new Classification(
              NodePhase.Error,
              "Pod failed before "
                  + c.name()
                  + " container starts due to "
                  + text(w.reason())
                  + ": "
                  + text(w.message()),
              exitCode);
        }
        case Running r -> {}
        case Terminated t when t.exitCode() == 0 -> {
          mainSucceeded |= mains.contains(c.name());
          waitSucceeded |= PodState.WAIT.equals(c.name());
        }
        case Terminated t -> {
          String message = terminatedMessage(c.name(), t);
          if (PodState.INIT.equals(c.name()) || PodState.WAIT.equals(c.name())) {
            return new Classification(NodePhase.Error, message, exitCode);
          }
          if (mains.contains(c.name())) {
            return new Classification(NodePhase.Failed, message, exitCode);
          }
          // A sidecar killed with SIGKILL or SIGTERM was stopped on purpose; ignore it.
          if (t.exitCode() != 137 && t.exitCode() != 143) {
            return new Classification(NodePhase.Failed, message, exitCode);
          }
        }
      }
    }
    boolean hasWait = pod.containers().stream().anyMatch(c -> PodState.WAIT.equals(c.name()));
    if (mainSucceeded && (waitSucceeded || !hasWait)) {
      return new Classification(NodePhase.Succeeded, null, exitCode);
    }
    String message;
    if (mainSucceeded) {
      message = "pod failed: wait container did not complete successfully";
    } else if (waitSucceeded || !hasWait) {
      message = "pod failed: main container did not complete successfully";
    } else {
      message = "pod failed: neither main nor wait container completed successfully";
    }
    return new Classification(NodePhase.Failed, message, exitCode);
  }

  /** {@code <container>: <reason> (exit code N)}, then {@code : <message>} when there is one. */
  static String terminatedMessage(String container, Terminated t) {
    String text = text(t.reason()) + " (exit code " + t.exitCode() + ")";
    if (nonEmpty(t.message())) {
      text = text + ": " + t.message();
    }
    return container + ": " + text;
  }

  private static int rank(ContainerStatus c, Collection<String> mains) {
    if (mains.contains(c.name())) {
      return 1;
    }
    return PodState.WAIT.equals(c.name()) ? 2 : 3;
  }

  /**
   * The main container's termination reason worth keeping in the attempt's outcome ({@code
   * OOMKilled}; {@link AttemptOutcome#terminationReason}), or null.
   */
  public static String mainReason(PodState pod) {
    return pod.main()
        .map(ContainerStatus::state)
        .filter(Terminated.class::isInstance)
        .map(s -> AttemptOutcome.terminationReason(((Terminated) s).reason()))
        .orElse(null);
  }

  private static Integer mainExitCode(PodState pod) {
    return pod.main()
        .map(ContainerStatus::state)
        .filter(Terminated.class::isInstance)
        .map(s -> ((Terminated) s).exitCode())
        .orElse(null);
  }

  private static boolean nonEmpty(String s) {
    return s != null && !s.isEmpty();
  }

  /** Go prints an unset string as empty; so do Argo's messages. */
  private static String text(String s) {
    return s == null ? "" : s;
  }

  private static String orNull(String s) {
    return nonEmpty(s) ? s : null;
  }
}
