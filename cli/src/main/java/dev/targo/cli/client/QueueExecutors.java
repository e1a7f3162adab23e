package dev.targo.cli.client;

import dev.targo.argo.plan.TemplateBody;
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
 * Whether the workers of a task queue can run what a workflow needs of its executor: resource
 * templates only the {@code kubernetes} one runs (docs/DESIGN.md §21). Asked at submission, before
 * anything starts, from the identities of the workers polling the queue's activity tasks ({@link
 * WorkerIdentity}).
 */
public final class QueueExecutors {
  private QueueExecutors() {}

  /** What a workflow may need of its executor, and the executor that has it. */
  enum Need {
    RESOURCES("`resource` templates are", "kubernetes", "§21");

    private final String what;
    private final String executor;
    private final String section;

    Need(String what, String executor, String section) {
      this.what = what;
      this.executor = executor;
      this.section = section;
    }
  }

  /** What {@code plan} needs of its executor, in {@link Need} order. */
  static List<Need> needs(WorkflowPlan plan) {
    List<Need> needs = new java.util.ArrayList<>();
    if (plan.templates().values().stream()
        .anyMatch(t -> t.body() instanceof TemplateBody.ResourceBody)) {
      needs.add(Need.RESOURCES);
    }
    return needs;
  }

  /** Whether {@code plan} needs anything of its executor that not every executor has. */
  public static boolean needsSome(WorkflowPlan plan) {
    return !needs(plan).isEmpty();
  }

  /**
   * Why {@code plan} is refused on a queue polled by {@code identities}, or empty: refused when
   * targo workers poll it and none runs the executor a need of the plan asks for. A queue no worker
   * polls yet is not refused (the worker that comes may be the right one; another ends the attempts
   * in Error).
   */
  public static Optional<String> refusal(
      WorkflowPlan plan, String taskQueue, List<String> identities) {
    List<String> executors =
        identities.stream()
            .map(WorkerIdentity::executor)
            .flatMap(Optional::stream)
            .distinct()
            .toList();
    if (executors.isEmpty()) {
      return Optional.empty();
    }
    for (Need need : needs(plan)) {
      if (!executors.contains(need.executor)) {
        return Optional.of(
            "UNSUPPORTED "
                + need.what
                + " valid Argo but not supported by targo's "
                + String.join("/", executors)
                + " executor yet, which every worker of task queue "
                + taskQueue
                + " runs; run the workflow on a worker with --executor "
                + need.executor
                + " (docs/DESIGN.md "
                + need.section
                + ")");
      }
    }
    return Optional.empty();
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
