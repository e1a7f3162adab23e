package dev.targo.worker.workflow;

import dev.targo.api.temporal.TtlActivities;
import dev.targo.api.temporal.WorkflowTtl;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link WorkflowTtl}: a durable timer to the workflow's expiry ({@code finishedAt} + its time to
 * live, as Argo's {@code expiresIn}), then the deletion. A worker restart or a server restart in
 * between changes nothing: the timer is Temporal's.
 */
public final class WorkflowTtlImpl implements WorkflowTtl {
  private final WorkerSettings settings;

  public WorkflowTtlImpl(WorkerSettings settings) {
    this.settings = settings;
  }

  @Override
  public boolean expire(String workflowId, String runId, long finishedAtMillis, long seconds) {
    Instant expiresAt = Instant.ofEpochMilli(finishedAtMillis).plusSeconds(seconds);
    Duration left = Duration.between(RunContext.now(), expiresAt);
    if (left.isPositive()) {
      Workflow.newTimer(
              left,
              TimerOptions.newBuilder()
                  .setSummary("ttlStrategy: keep " + workflowId + " " + seconds + "s after its end")
                  .build())
          .get();
    }
    TtlActivities ttl =
        Workflow.newActivityStub(
            TtlActivities.class, settings.deleteOptions("delete expired workflow " + workflowId));
    return ttl.delete(workflowId, runId);
  }
}
