package dev.targo.worker.runtime;

import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Records each backoff timer the workflow starts (their summary begins with {@code backoff}) in
 * {@link TargoMetrics}, without touching workflow code. Only when not replaying, so a replayed
 * history is not counted twice.
 */
public final class BackoffMetricsInterceptor extends WorkerInterceptorBase {
  private final TargoMetrics metrics;

  public BackoffMetricsInterceptor(TargoMetrics metrics) {
    this.metrics = metrics;
  }

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowInboundCallsInterceptorBase(next) {
      @Override
      public void init(WorkflowOutboundCallsInterceptor outbound) {
        super.init(new Outbound(outbound));
      }
    };
  }

  private final class Outbound extends WorkflowOutboundCallsInterceptorBase {
    Outbound(WorkflowOutboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public Promise<Void> newTimer(Duration duration, TimerOptions options) {
      if (options != null
          && options.getSummary() != null
          && options.getSummary().startsWith("backoff")
          && !Workflow.isReplaying()) {
        metrics.backoff(duration);
      }
      return super.newTimer(duration, options);
    }
  }
}
