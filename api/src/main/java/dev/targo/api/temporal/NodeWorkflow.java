package dev.targo.api.temporal;

import dev.targo.api.Names;
import dev.targo.argo.status.NodeTrees;
import dev.targo.argo.status.WorkflowStatus;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The Temporal workflow that runs one node below the root of an Argo workflow: a step or task
 * invocation with everything below it (its retry attempts, and for a steps or DAG template its own
 * children, each again a {@code NodeWorkflow}). Its parent keeps only its result.
 */
@WorkflowInterface
public interface NodeWorkflow {

  /** Runs the node to its end and returns its result with its node subtree. */
  @WorkflowMethod(name = Names.NODE_WORKFLOW_TYPE)
  NodeRunResult run(NodeRun run);

  /**
   * The node's subtree so far: its own nodes and the finished subtrees of its children; running
   * children are queried on their own (see {@link NodeTrees#merge}).
   */
  @QueryMethod(name = Names.QUERY_STATUS)
  WorkflowStatus status();

  /** Shuts the node down with Argo's strategy, as {@link ArgoWorkflow#stop} does the workflow. */
  @SignalMethod(name = Names.SIGNAL_STOP)
  void stop(String strategy);

  /**
   * Resumes suspend nodes, or sets their outputs ({@code targo resume}, {@code targo node set}):
   * applied by the waiting suspend nodes it names, and passed on to running child workflows.
   */
  @SignalMethod(name = Names.SIGNAL_NODE_UPDATE)
  void updateNodes(NodeUpdate update);

  /**
   * A lock of {@code synchronization} this workflow asked for ({@link LockWorkflow}) is held now.
   */
  @SignalMethod(name = Names.SIGNAL_LOCK_GRANTED)
  void lockGranted(String key);

  /**
   * A daemon is ready ({@code daemon: true}): from a pod activity of this workflow for its pod
   * ({@link Daemoned#nodeName} null), or from a child workflow for the node it runs.
   */
  @SignalMethod(name = Names.SIGNAL_DAEMONED)
  void daemoned(Daemoned daemoned);

  /**
   * Stops the daemon this node runs, as Argo's {@code killDaemonedChildren}: its pod is deleted and
   * the node ends Succeeded. Sent by the parent once the daemon's steps or DAG node has ended.
   */
  @SignalMethod(name = Names.SIGNAL_STOP_DAEMON)
  void stopDaemon();
}
