package dev.targo.cli.client;

import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import dev.targo.api.temporal.ArgoFailures;
import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeTrees;
import dev.targo.argo.status.WorkflowStatus;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.PendingChildExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.converter.DataConverter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The whole live status of a running workflow: the root's {@code status} query, the queried status
 * of each running node child workflow (found as pending children, recursively) merged in with
 * {@link NodeTrees#merge}, and the heartbeats of every running pod merged with {@link LiveStatus}.
 * Reading live state this way keeps it out of the workflows' histories.
 */
public final class LiveTree {
  /** Nesting depth beyond which running children are shown by their placeholders only. */
  private static final int MAX_DEPTH = 32;

  private final WorkflowClient client;
  private final DataConverter converter = PayloadJson.dataConverter();

  public LiveTree(WorkflowClient client) {
    this.client = client;
  }

  /**
   * The live status of workflow {@code id}, described as {@code described}; null when its status
   * cannot be queried (no worker has picked it up yet, or it is between two runs).
   */
  public WorkflowStatus read(String id, DescribeWorkflowExecutionResponse described) {
    WorkflowStatus root = query(id);
    if (root == null) {
      return null;
    }
    List<WorkflowStatus> children = new ArrayList<>();
    List<PodProgress> progress = new ArrayList<>(progress(described));
    collectChildren(described, children, progress, 0);
    WorkflowStatus merged = children.isEmpty() ? root : NodeTrees.merge(root, children);
    return LiveStatus.merge(merged, progress);
  }

  private void collectChildren(
      DescribeWorkflowExecutionResponse described,
      List<WorkflowStatus> children,
      List<PodProgress> progress,
      int depth) {
    if (depth >= MAX_DEPTH) {
      return;
    }
    for (PendingChildExecutionInfo child : described.getPendingChildrenList()) {
      DescribeWorkflowExecutionResponse childDescribed;
      try {
        childDescribed = describe(child.getWorkflowId());
      } catch (RuntimeException e) {
        // The child ended between the two calls: its final subtree is in the parent already.
        continue;
      }
      WorkflowStatus status = query(child.getWorkflowId());
      if (status != null) {
        children.add(status);
      }
      progress.addAll(progress(childDescribed));
      collectChildren(childDescribed, children, progress, depth + 1);
    }
  }

  /**
   * The final status of the ended workflow {@code id}: its result when it Succeeded, the status its
   * failure carries when it ended Failed or Error in Argo's terms, or an Error status with the
   * failure when it failed otherwise (terminated, timed out, a bug).
   */
  WorkflowStatus finalStatus(String id) {
    try {
      return client.newUntypedWorkflowStub(id).getResult(WorkflowStatus.class);
    } catch (WorkflowFailedException e) {
      return ArgoFailures.workflowStatus(e)
          .orElseGet(
              () -> {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                return new WorkflowStatus(
                    NodePhase.Error, cause.getMessage(), null, null, null, Map.of());
              });
    }
  }

  /** {@code DescribeWorkflowExecution} of the current run of workflow {@code id}. */
  DescribeWorkflowExecutionResponse describe(String id) {
    return client
        .getWorkflowServiceStubs()
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                .build());
  }

  private WorkflowStatus query(String id) {
    try {
      return client.newUntypedWorkflowStub(id).query(Names.QUERY_STATUS, WorkflowStatus.class);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The pod progress heartbeated by the running activities of one workflow. */
  List<PodProgress> progress(DescribeWorkflowExecutionResponse described) {
    List<PodProgress> out = new ArrayList<>();
    for (PendingActivityInfo activity : described.getPendingActivitiesList()) {
      if (activity.hasHeartbeatDetails()) {
        try {
          out.add(
              converter.fromPayloads(
                  0,
                  Optional.of(activity.getHeartbeatDetails()),
                  PodProgress.class,
                  PodProgress.class));
        } catch (RuntimeException e) {
          // Details written by another version: show the workflow's own view instead.
        }
      }
    }
    return out;
  }
}
