package dev.targo.cli.client;

import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.cli.connect.TemporalConnection;
import dev.targo.cli.connect.WorkerIdentity;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.PollerInfo;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import java.util.List;
import java.util.Optional;

/**
 * Whether the workers of a task queue can run a workflow's artifacts: only the {@code local}
 * executor does so far (docs/DESIGN.md §16). Asked at submission, before anything starts, from the
 * identities of the workers polling the queue's activity tasks ({@link WorkerIdentity}).
 */
public final class ArtifactExecutors {
  private ArtifactExecutors() {}

  /** Whether any template of {@code plan} reads or writes artifacts. */
  public static boolean uses(WorkflowPlan plan) {
    return plan.templates().values().stream().anyMatch(Template::hasArtifacts);
  }

  /**
   * Why a workflow with artifacts is refused on a queue polled by {@code identities}, or empty:
   * refused when targo workers poll it and none runs the local executor. A queue no worker polls
   * yet is not refused (the worker that comes may be a local one; a kubernetes one ends the
   * attempts in Error).
   */
  public static Optional<String> refusal(String taskQueue, List<String> identities) {
    List<String> executors =
        identities.stream().map(WorkerIdentity::executor).flatMap(Optional::stream).toList();
    if (executors.isEmpty() || executors.contains("local")) {
      return Optional.empty();
    }
    return Optional.of(
        "UNSUPPORTED artifacts are valid Argo but not supported by targo's "
            + String.join("/", executors.stream().distinct().toList())
            + " executor yet, which every worker of task queue "
            + taskQueue
            + " runs; run the workflow on a worker with --executor local (docs/DESIGN.md §16)");
  }

  /**
   * The identities of the workers polling {@code temporal}'s task queue for activities; none where
   * the server cannot say (Temporal's Java test server does not implement the call).
   */
  public static List<String> pollers(TemporalConnection temporal) {
    DescribeTaskQueueRequest request =
        DescribeTaskQueueRequest.newBuilder()
            .setNamespace(temporal.namespace())
            .setTaskQueue(TaskQueue.newBuilder().setName(temporal.taskQueue()).build())
            .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)
            .build();
    try {
      return temporal.service().blockingStub().describeTaskQueue(request).getPollersList().stream()
          .map(PollerInfo::getIdentity)
          .toList();
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == io.grpc.Status.Code.UNIMPLEMENTED) {
        return List.of();
      }
      throw e;
    }
  }
}
