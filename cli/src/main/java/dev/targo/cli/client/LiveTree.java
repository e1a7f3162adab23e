package dev.targo.cli.client;

import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import dev.targo.api.temporal.ArgoFailures;
import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeTrees;
import dev.targo.argo.status.WorkflowStatus;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.query.v1.WorkflowQuery;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.PendingChildExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.api.workflowservice.v1.QueryWorkflowRequest;
import io.temporal.api.workflowservice.v1.QueryWorkflowResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.common.converter.DataConverter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

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

  /** How long a worker has to answer a {@code status} query before the history is replayed. */
  static final Duration QUERY_TIMEOUT = Duration.ofSeconds(2);

  /**
   * A live status, and a note for the user when no worker answered.
   *
   * @param status the status, or null when it could not be had at all
   * @param notice what the user should know about where it came from, or null
   */
  public record Read(WorkflowStatus status, String notice) {}

  /**
   * The live status of workflow {@code id}, described as {@code described}. What no worker answers
   * within {@link #QUERY_TIMEOUT} is rebuilt by replaying the workflow's history here ({@link
   * HistoryReplay}), with a notice saying so.
   */
  public Read read(String id, DescribeWorkflowExecutionResponse described) {
    try (HistoryReplay replay = new HistoryReplay(client)) {
      WorkflowStatus root = query(id);
      boolean workerAnswered = root != null;
      String notice = null;
      if (root == null) {
        try {
          root = replay.status(id);
          notice = NO_WORKER + "; the status below was rebuilt from the workflow's history";
        } catch (HistoryReplay.ReplayFailed e) {
          return new Read(
              null,
              NO_WORKER
                  + ", and the workflow's history could not be replayed here ("
                  + e.getMessage()
                  + ")");
        }
      }
      List<WorkflowStatus> children = new ArrayList<>();
      List<PodProgress> progress = new ArrayList<>(progress(described));
      boolean[] replayed = {false};
      collectChildren(described, children, progress, 0, workerAnswered, replay, replayed);
      if (notice == null && replayed[0]) {
        notice =
            "no worker answered the status query of some running nodes within "
                + QUERY_TIMEOUT.toSeconds()
                + " s; their status was rebuilt from their workflows' histories";
      }
      WorkflowStatus merged = children.isEmpty() ? root : NodeTrees.merge(root, children);
      return new Read(LiveStatus.merge(merged, progress), notice);
    }
  }

  private static final String NO_WORKER =
      "no worker answered the status query within " + QUERY_TIMEOUT.toSeconds() + " s";

  /**
   * Adds the status and pod progress of every running child below {@code described}. Once a query
   * went unanswered, no worker is expected to answer the children's either: they are replayed at
   * once rather than each waited for.
   */
  private void collectChildren(
      DescribeWorkflowExecutionResponse described,
      List<WorkflowStatus> children,
      List<PodProgress> progress,
      int depth,
      boolean askWorkers,
      HistoryReplay replay,
      boolean[] replayed) {
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
      WorkflowStatus status = askWorkers ? query(child.getWorkflowId()) : null;
      boolean answered = status != null;
      if (status == null) {
        try {
          status = replay.status(child.getWorkflowId());
          replayed[0] = true;
        } catch (HistoryReplay.ReplayFailed e) {
          // The parent's placeholder for this node stays, Running, as the parent last knew it.
        }
      }
      if (status != null) {
        children.add(status);
      }
      progress.addAll(progress(childDescribed));
      collectChildren(
          childDescribed, children, progress, depth + 1, askWorkers && answered, replay, replayed);
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

  /**
   * The {@code status} query of workflow {@code id}, or null when no worker answered it within
   * {@link #QUERY_TIMEOUT}. The query is sent as one call with a deadline: the SDK's own query
   * waits for the client's whole RPC timeout and retries, which made {@code get} hang for over a
   * minute when no worker ran.
   */
  private WorkflowStatus query(String id) {
    QueryWorkflowResponse response;
    try {
      response =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .withDeadlineAfter(QUERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .queryWorkflow(
                  QueryWorkflowRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                      .setQuery(WorkflowQuery.newBuilder().setQueryType(Names.QUERY_STATUS))
                      .build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNAVAILABLE) {
        // The server, not a worker, is gone: that is the command's error, exit 3.
        throw e;
      }
      // Timed out, no poller on the task queue, or the query failed on the worker.
      return null;
    }
    if (!response.hasQueryResult()) {
      return null;
    }
    try {
      return converter.fromPayloads(
          0, Optional.of(response.getQueryResult()), WorkflowStatus.class, WorkflowStatus.class);
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
