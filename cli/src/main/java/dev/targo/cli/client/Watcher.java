package dev.targo.cli.client;

import dev.targo.argo.status.WorkflowStatus;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import java.time.Duration;

/**
 * Follows a workflow until it ends: polls its {@code status} query, merges the live pod progress of
 * its running activities, and hands each new status to a listener.
 */
public final class Watcher {

  /** Receives every status seen, the last one with {@code finished} true. */
  @FunctionalInterface
  public interface Listener {
    void update(WorkflowStatus status, boolean finished);
  }

  private final LiveTree live;

  public Watcher(WorkflowClient client) {
    this.live = new LiveTree(client);
  }

  /** Blocks until the workflow {@code name} has ended and returns its final status. */
  public WorkflowStatus watch(String name, Duration interval, Listener listener)
      throws InterruptedException {
    while (true) {
      DescribeWorkflowExecutionResponse described = live.describe(name);
      WorkflowExecutionStatus state = described.getWorkflowExecutionInfo().getStatus();
      if (state != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        WorkflowStatus last = live.finalStatus(name);
        listener.update(last, true);
        return last;
      }
      WorkflowStatus status = live.read(name, described).status();
      if (status != null) {
        listener.update(status, false);
      }
      Thread.sleep(interval.toMillis());
    }
  }
}
