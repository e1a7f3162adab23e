package dev.targo.api.temporal;

import dev.targo.api.Names;
import dev.targo.argo.status.WorkflowStatus;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** The Temporal workflow that runs one Argo {@code Workflow}. */
@WorkflowInterface
public interface ArgoWorkflow {

  /** Runs the workflow to its end and returns its final Argo status. */
  @WorkflowMethod(name = Names.WORKFLOW_TYPE)
  WorkflowStatus run(WorkflowRun run);

  /** The Argo-shaped status at this moment. */
  @QueryMethod(name = Names.QUERY_STATUS)
  WorkflowStatus status();

  /**
   * Shuts the workflow down with Argo's strategy {@code Stop} or {@code Terminate} ({@code
   * spec.shutdown}): the running attempt is cancelled and its pod deleted, no further attempt
   * starts, and the workflow ends Failed with {@code Stopped with strategy '<strategy>'}.
   */
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
}
