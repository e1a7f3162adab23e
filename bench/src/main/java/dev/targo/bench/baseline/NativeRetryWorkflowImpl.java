package dev.targo.bench.baseline;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** The hand-written native-retry workflow: the retries are the server's, not this code's. */
public final class NativeRetryWorkflowImpl implements NativeRetryWorkflow {

  @Override
  public void run(String key, int attempts) {
    NativeAttempts activity =
        Workflow.newActivityStub(
            NativeAttempts.class,
            ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofMinutes(1))
                .setRetryOptions(
                    RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofMillis(1))
                        .setBackoffCoefficient(1.0)
                        .setMaximumInterval(Duration.ofMillis(1))
                        .setMaximumAttempts(attempts)
                        .build())
                .build());
    try {
      activity.attempt(key);
    } catch (ActivityFailure expected) {
      // Every attempt fails: the workflow ends once the server has given up.
    }
  }
}
