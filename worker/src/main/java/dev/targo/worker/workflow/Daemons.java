package dev.targo.worker.workflow;

import dev.targo.api.temporal.Daemoned;
import dev.targo.api.temporal.NodeRunResult;
import dev.targo.api.temporal.NodeWorkflow;
import dev.targo.argo.flow.NodeResult;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemons of one workflow run ({@code daemon: true}, Argo's {@code Daemoned} nodes), both ways:
 *
 * <ul>
 *   <li>as the run that runs a daemon's attempt: the pod activity signals {@link Daemoned} once the
 *       pod runs and is ready; the run marks its nodes daemoned, tells its parent, and ends the
 *       attempt once the parent asks it to ({@link #requestStop}). A daemon at the top of the
 *       workflow has no boundary: it is stopped as soon as it is ready, as Argo kills the daemoned
 *       children of a finished workflow;
 *   <li>as the parent of daemon nodes: a child that tells it is daemoned counts as done for its
 *       step group or dependants (its result is {@link NodePhase#Running}, with its pod IP), and is
 *       kept here until its boundary — the steps or DAG node it runs in — ends and stops it (Argo's
 *       {@code killDaemonedChildren}).
 * </ul>
 *
 * Signals only: no command is issued until a daemon exists, so workflows without one replay as
 * before.
 */
final class Daemons {

  /** A daemoned child node that still runs, below the boundary it is stopped with. */
  private record Running(String nodeName, String workflowId, Promise<NodeRunResult> result) {}

  private String parentWorkflowId;
  private String ownNode;
  private final Map<String, Daemoned> readyPods = new HashMap<>();
  private final Map<String, Daemoned> readyChildren = new HashMap<>();
  private final Map<String, Running> running = new LinkedHashMap<>();
  private boolean stopRequested;

  /**
   * Says which node this run is for (signals may come before the run starts, so they are kept from
   * the start).
   *
   * @param ownNode the node a child workflow runs, or null for the workflow's root run
   * @param parentWorkflowId the parent workflow to tell of a ready daemon, or null
   */
  void identify(String ownNode, String parentWorkflowId) {
    this.ownNode = ownNode;
    this.parentWorkflowId = parentWorkflowId;
  }

  /** Records a signal: a pod of this run is ready, or a child node is daemoned. */
  void signalled(Daemoned daemoned) {
    if (daemoned.nodeName() == null) {
      readyPods.put(daemoned.podName(), daemoned);
    } else {
      readyChildren.put(daemoned.nodeName(), daemoned);
    }
  }

  /** The ready signal of pod {@code podName} of this run, or null. */
  Daemoned readyPod(String podName) {
    return readyPods.get(podName);
  }

  /** The daemoned signal of child node {@code nodeName}, or null. */
  Daemoned readyChild(String nodeName) {
    return readyChildren.get(nodeName);
  }

  /** The parent asked this run's daemon to stop: its boundary has ended. */
  void requestStop() {
    stopRequested = true;
  }

  boolean stopRequested() {
    return stopRequested;
  }

  /**
   * This run's daemon pod is ready: its pod node (and the run's own node, a Retry node when the
   * daemon is retried) show daemoned with its IP, and the parent is told. At the top of the
   * workflow there is no boundary to wait for: the daemon is stopped at once.
   */
  void becameReady(RunContext ctx, String podNodeId, Daemoned ready) {
    markDaemoned(ctx, podNodeId, ready.podIP());
    if (ownNode == null || parentWorkflowId == null) {
      requestStop();
      return;
    }
    markDaemoned(ctx, dev.targo.argo.PodNames.nodeId(ctx.workflowName(), ownNode), ready.podIP());
    Workflow.newUntypedExternalWorkflowStub(parentWorkflowId)
        .signal(
            dev.targo.api.Names.SIGNAL_DAEMONED,
            new Daemoned(ownNode, ready.podName(), ready.podIP(), ready.hostNodeName()));
  }

  private static void markDaemoned(RunContext ctx, String id, String ip) {
    NodeStatus node = ctx.tree().get(id);
    if (node != null) {
      ctx.tree().put(node.daemon(ip));
      ctx.changed().run();
    }
  }

  /** Child {@code nodeName}, run by workflow {@code workflowId}, is daemoned and runs on. */
  void running(String nodeName, String workflowId, Promise<NodeRunResult> result) {
    running.put(nodeName, new Running(nodeName, workflowId, result));
  }

  /**
   * Stops the daemoned children of boundary {@code boundaryName} (the steps or DAG node whose
   * children they are) and waits for their ends, which replace their subtrees. Returns the final
   * results of those that had ended on their own before, Failed or Error: a daemon must not end
   * while its boundary runs.
   */
  List<NodeResult> stopBelow(RunContext ctx, String boundaryName) {
    List<Running> below = new ArrayList<>();
    for (Running r : running.values()) {
      if (boundaryName == null
          || r.nodeName().startsWith(boundaryName + "[")
          || r.nodeName().startsWith(boundaryName + ".")) {
        below.add(r);
      }
    }
    List<NodeResult> failed = new ArrayList<>();
    for (Running r : below) {
      boolean endedBefore = r.result().isCompleted();
      if (!endedBefore) {
        stop(r.workflowId());
      }
      NodeResult end = end(ctx, r);
      running.remove(r.nodeName());
      if (endedBefore && end.phase().failedOrError()) {
        failed.add(end);
      }
    }
    return failed;
  }

  /** Stops every daemon still running: the workflow (or node) is ending. */
  void stopAll(RunContext ctx) {
    stopBelow(ctx, null);
  }

  private static void stop(String workflowId) {
    try {
      Workflow.newExternalWorkflowStub(NodeWorkflow.class, workflowId).stopDaemon();
    } catch (RuntimeException e) {
      // Ended meanwhile: its result is on its way.
      Workflow.getLogger(Daemons.class)
          .info("Daemon workflow {} had already ended: {}", workflowId, e.getMessage());
    }
  }

  /** Waits for the daemon's end; its final subtree replaces the daemoned one. */
  private static NodeResult end(RunContext ctx, Running r) {
    String id = dev.targo.argo.PodNames.nodeId(ctx.workflowName(), r.nodeName());
    return ChildNodes.finished(ctx, r.result(), id, r.nodeName());
  }
}
