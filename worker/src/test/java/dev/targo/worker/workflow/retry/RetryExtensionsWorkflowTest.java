package dev.targo.worker.workflow.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.RetryStrategySpec.BackoffSpec;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.retry.Backoffs;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Histories;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import io.temporal.api.enums.v1.EventType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * targo's {@code retryStrategy} extensions through the workflow, on workflow time: {@code
 * backoff.jitter}, {@code nodeAntiAffinity.type: Preferred} and {@code
 * nodeAntiAffinity.maxExcluded} (ARGO-SEMANTICS "targo extensions").
 */
class RetryExtensionsWorkflowTest {
  private static final String WF = "extensions";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  /** Every attempt fails at once on a host of its own. */
  private WorkflowStatus runFailingEveryAttempt(Harness harness, RetryStrategySpec strategy) {
    return harness.runToEnd(Plans.run(WF, Plans.plan(Plans.container("flaky", strategy, "x"))));
  }

  private Harness failingOnHostOfItsOwn() {
    return harnesses.start(new ScriptedExecutor(r -> Step.fail("node-" + (r.attempt() + 1))));
  }

  private static Duration jitter(int attemptsSoFar) {
    return Backoffs.jitter(
        Duration.ofSeconds(10), new BigDecimal("0.5"), WF + "/" + WF, attemptsSoFar);
  }

  @Test
  void jitterLengthensEachBackoffTimerByTheShareOfTheWorkflowNodeAndAttempt() {
    Harness harness = failingOnHostOfItsOwn();
    RetryStrategySpec strategy =
        Plans.strategy("3", null, new BackoffSpec("10", null, null, null, "0.5"));

    WorkflowStatus status = runFailingEveryAttempt(harness, strategy);

    assertThat(status.message()).isEqualTo("No more retries left");
    assertThat(jitter(1)).isNotEqualTo(jitter(2)).isNotEqualTo(jitter(3));
    List<Duration> timers = Histories.timerDurations(harness.events(WF));
    assertThat(timers).hasSize(3);
    for (int n = 1; n <= 3; n++) {
      assertIsTheWait(timers.get(n - 1), Duration.ofSeconds(10).plus(jitter(n)));
    }
  }

  /**
   * A timer waits the rest of the backoff after the attempt's end, which the status keeps in whole
   * seconds (Waits): a second boundary between the end and the timer's start takes one whole second
   * off, never a fraction, so the jitter's milliseconds show in every timer.
   */
  private static void assertIsTheWait(Duration timer, Duration wait) {
    assertThat(timer).isIn(wait, wait.minusSeconds(1));
  }

  @Test
  void theTimerSummarySaysHowMuchJitterItAdded() {
    Harness harness = failingOnHostOfItsOwn();
    RetryStrategySpec strategy =
        Plans.strategy("1", null, new BackoffSpec("10", null, null, null, "0.5"));

    runFailingEveryAttempt(harness, strategy);

    // jitter(1) is 2,887 ms for this workflow's root node.
    assertThat(jitter(1)).isEqualTo(Duration.ofMillis(2_887));
    assertThat(Histories.summaries(harness.events(WF), EventType.EVENT_TYPE_TIMER_STARTED))
        .singleElement()
        .asString()
        .matches(
            "backoff 1[12]\\.887s \\(jitter \\+2\\.887s\\) before attempt 2 — attempt 1 Failed"
                + " \\(exit 1\\) on node-1");
  }

  @Test
  void preferredAntiAffinityAvoidsFailedHostsAndNeverRequiresFreshOnes() {
    Harness harness = failingOnHostOfItsOwn();
    RetryStrategySpec strategy = new RetryStrategySpec("2", null, null, true, null, "Preferred");

    WorkflowStatus status = runFailingEveryAttempt(harness, strategy);

    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(harness.executor.requests())
        .extracting(PodRequest::excludedHosts)
        .containsOnly(List.of());
    assertThat(harness.executor.requests())
        .extracting(PodRequest::avoidedHosts)
        .containsExactly(List.of(), List.of("node-1"), List.of("node-1", "node-2"));
  }

  @Test
  void activitySummariesNameTheAvoidedHosts() {
    Harness harness = failingOnHostOfItsOwn();

    runFailingEveryAttempt(
        harness, new RetryStrategySpec("2", null, null, true, null, "Preferred"));

    assertThat(
            Histories.summaries(harness.events(WF), EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .stream()
                .filter(s -> !s.startsWith("delete pod "))
                .toList())
        .containsExactly(
            "attempt 1/3 of flaky",
            "attempt 2/3 of flaky, avoiding [node-1]",
            "attempt 3/3 of flaky, avoiding [node-1, node-2]");
  }

  @Test
  void maxExcludedExcludesOnlyTheMostRecentlyFailedHostsAcrossAttempts() {
    // Attempts fail on node-1, node-2, node-3, then node-1 again, which maxExcluded 2 lets the
    // fourth attempt use; the fifth keeps away from node-3 and node-1 and succeeds on node-2.
    String[] hosts = {"node-1", "node-2", "node-3", "node-1", "node-2"};
    Harness harness =
        harnesses.start(
            new ScriptedExecutor(
                r ->
                    r.attempt() < 4
                        ? Step.fail(hosts[r.attempt()])
                        : Step.succeed(hosts[r.attempt()])));
    RetryStrategySpec strategy =
        new RetryStrategySpec("4", null, null, true, null, null, null, null, "2");

    WorkflowStatus status = runFailingEveryAttempt(harness, strategy);

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(harness.executor.requests())
        .extracting(PodRequest::excludedHosts)
        .containsExactly(
            List.of(),
            List.of("node-1"),
            List.of("node-1", "node-2"),
            List.of("node-2", "node-3"),
            List.of("node-1", "node-3"));
    assertThat(
            Histories.summaries(harness.events(WF), EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .stream()
                .filter(s -> !s.startsWith("delete pod "))
                .toList())
        .last()
        .isEqualTo("attempt 5/5 of flaky, excluding [node-1, node-3]");
  }

  @Test
  void anExclusionExpressionExcludesOnlyTheHostsWhoseFailureItMatches() {
    // node-1 fails with an ordinary exit, node-2 is OOMKilled: only node-2 is kept away from.
    Harness harness =
        harnesses.start(
            new ScriptedExecutor(
                r ->
                    switch (r.attempt()) {
                      case 0 -> Step.fail("node-1");
                      case 1 -> Step.oomKilled("node-2");
                      default -> Step.succeed("node-1");
                    }));
    RetryStrategySpec strategy =
        new RetryStrategySpec(
            "3",
            null,
            null,
            true,
            null,
            null,
            null,
            null,
            null,
            "lastRetry.reason == \"OOMKilled\" || lastRetry.exitCode == \"137\"");

    WorkflowStatus status = runFailingEveryAttempt(harness, strategy);

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(harness.executor.requests())
        .extracting(PodRequest::excludedHosts)
        .containsExactly(List.of(), List.of(), List.of("node-2"));
  }
}
