package dev.targo.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import dev.targo.api.temporal.ArgoFailures;
import dev.targo.argo.pod.AttemptOutcome;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArgoOutcomeLogFilterTest {
  private final LoggerContext context = new LoggerContext();
  private final Logger sdk =
      context.getLogger("io.temporal.internal.activity.ActivityTaskExecutors");
  private final ArgoOutcomeLogFilter filter = new ArgoOutcomeLogFilter();

  @Test
  void dropsTheSdksWarningAboutAFailedAttempt() {
    ApplicationFailure failed =
        ArgoFailures.attempt(AttemptOutcome.error("pod deleted", "p", Instant.EPOCH));

    assertThat(filter.decide(null, sdk, Level.WARN, "Activity failure.", null, failed))
        .isEqualTo(FilterReply.DENY);
    assertThat(
            filter.decide(
                null,
                sdk,
                Level.WARN,
                "Workflow execution failure",
                null,
                new ActivityFailure("wrapped", 1, 2, "RunPodAttempt", "1", null, "w", failed)))
        .isEqualTo(FilterReply.DENY);
  }

  @Test
  void keepsEveryOtherWarningAndTargosOwnLines() {
    ApplicationFailure fault =
        ApplicationFailure.newFailure("pod p: connection refused", "PodExecutorFault");
    ApplicationFailure failed =
        ArgoFailures.attempt(AttemptOutcome.error("pod deleted", "p", Instant.EPOCH));

    assertThat(filter.decide(null, sdk, Level.WARN, "Activity failure.", null, fault))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(null, context.getLogger("dev.targo.x"), Level.WARN, "m", null, failed))
        .isEqualTo(FilterReply.NEUTRAL);
    assertThat(filter.decide(null, sdk, Level.INFO, "m", null, failed))
        .isEqualTo(FilterReply.NEUTRAL);
  }
}
