package dev.targo.argo.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.RetryPolicy;
import dev.targo.argo.RetryStrategies;
import dev.targo.argo.RetryStrategy;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.retry.RetryDecision.Finish;
import dev.targo.argo.retry.RetryDecision.Retry;
import dev.targo.argo.status.NodePhase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryDeciderTest {

  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  static final String EXIT_1 = "main: Error (exit code 1)";

  static AttemptOutcome outcome(
      NodePhase phase,
      String message,
      Integer exitCode,
      Instant start,
      Instant end,
      boolean transientError) {
    AttemptOutcome outcome =
        AttemptOutcome.ofPod(phase, message, exitCode, "node-1", start, end, "pod", null, null);
    return transientError ? outcome.asTransient() : outcome;
  }

  static AttemptOutcome failed(Instant start, Instant end) {
    return outcome(NodePhase.Failed, EXIT_1, 1, start, end, false);
  }

  /** The context after attempt {@code n - 1} ran 5 s from {@code T0 + 10 s × (n - 1)}. */
  static RetryContext ctx(int n, AttemptOutcome last) {
    return new RetryContext(n, T0, last, last.finishedAt(), null, null);
  }

  static RetryContext afterFailure(int n) {
    Instant start = T0.plusSeconds(10L * (n - 1));
    return ctx(n, failed(start, start.plusSeconds(5)));
  }

  static RetryStrategy strategy(
      String limit, String policy, RetryStrategySpec.BackoffSpec b, String expression) {
    var r = RetryStrategies.resolve(new RetryStrategySpec(limit, policy, b, false, expression));
    return ((RetryStrategies.Resolution.Resolved) r).strategy();
  }

  static RetryStrategySpec.BackoffSpec backoff(
      String duration, String factor, String cap, String max) {
    return new RetryStrategySpec.BackoffSpec(duration, factor, cap, max);
  }

  static final Retry RETRY_NOW = new Retry(Duration.ZERO, null);

  // --- §3 step 4: each policy × Failed / Error / transient -------------------------------------

  @ParameterizedTest(name = "{0} after {1} \"{2}\" (transient flag {3}) -> retry {4}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        "Always | Failed | main: Error (exit code 1) | false | true",
        "Always | Error | pod deleted | false | true",
        "OnFailure | Failed | main: Error (exit code 1) | false | true",
        "OnFailure | Error | pod deleted | false | false",
        "OnError | Failed | main: Error (exit code 1) | false | false",
        "OnError | Error | pod deleted | false | true",
        "OnTransientError | Failed | main: Error (exit code 1) | false | false",
        "OnTransientError | Error | pod deleted | false | false",
        "OnTransientError | Failed | dial tcp 10.0.0.1:443: i/o timeout | false | true",
        "OnTransientError | Error | etcdserver: leader changed | false | true",
        "OnTransientError | Error | pods is forbidden | true | true",
      })
  void appliesThePolicyTable(
      String policy, NodePhase phase, String message, boolean transientFlag, boolean retries) {
    AttemptOutcome last =
        outcome(
            phase,
            message,
            phase == NodePhase.Failed ? 1 : null,
            T0,
            T0.plusSeconds(5),
            transientFlag);
    RetryDecision d = RetryDecider.decide(strategy(null, policy, null, null), ctx(1, last));
    assertThat(d).isEqualTo(retries ? RETRY_NOW : new Finish(phase, message));
  }

  @Test
  void transientErrorPatternFromTheOperatorCounts() {
    AttemptOutcome last =
        outcome(NodePhase.Error, "quota busy", null, T0, T0.plusSeconds(1), false);
    RetryStrategy s = strategy(null, "OnTransientError", null, null);
    assertThat(RetryDecider.decide(s, ctx(1, last), "quota (busy|full)")).isEqualTo(RETRY_NOW);
    assertThat(RetryDecider.decide(s, ctx(1, last)))
        .isEqualTo(new Finish(NodePhase.Error, "quota busy"));
  }

  @Test
  void succeededAttemptSucceedsTheNode() {
    AttemptOutcome ok = outcome(NodePhase.Succeeded, null, 0, T0, T0.plusSeconds(1), false);
    assertThat(RetryDecider.decide(strategy("0", null, null, null), ctx(1, ok)))
        .isEqualTo(new Finish(NodePhase.Succeeded, null));
  }

  // --- §3 step 5: limits -----------------------------------------------------------------------

  @ParameterizedTest(name = "limit {0} after {1} attempts -> retry {2}")
  @CsvSource({"0, 1, false", "1, 1, true", "1, 2, false", "10, 10, true", "10, 11, false"})
  void limitCountsRetries(String limit, int attempts, boolean retries) {
    RetryDecision d =
        RetryDecider.decide(strategy(limit, "Always", null, null), afterFailure(attempts));
    assertThat(d)
        .isEqualTo(retries ? RETRY_NOW : new Finish(NodePhase.Failed, "No more retries left"));
  }

  @Test
  void unsetLimitRetriesForever() {
    assertThat(RetryDecider.decide(strategy(null, "Always", null, null), afterFailure(100_000)))
        .isEqualTo(RETRY_NOW);
  }

  @Test
  void emptyStrategyRetriesFailuresForeverWithoutWaiting() {
    RetryStrategy empty = strategy(null, null, null, null);
    assertThat(RetryDecider.decide(empty, afterFailure(500))).isEqualTo(RETRY_NOW);
  }

  @Test
  void emptyStrategyDoesNotRetryErrors() {
    AttemptOutcome deleted =
        outcome(NodePhase.Error, "pod deleted", null, T0, T0.plusSeconds(3), false);
    assertThat(RetryDecider.decide(strategy(null, null, null, null), ctx(1, deleted)))
        .isEqualTo(new Finish(NodePhase.Error, "pod deleted"));
  }

  // --- §4: backoff -----------------------------------------------------------------------------

  @ParameterizedTest(name = "duration {0} factor {1} cap {2}: waits {3}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        "1 | '' | '' | PT1S PT1S PT1S PT1S PT1S",
        "1 | 0 | '' | PT1S PT1S PT1S PT1S PT1S",
        "1 | 1 | '' | PT1S PT1S PT1S PT1S PT1S",
        "1 | 2 | '' | PT1S PT2S PT4S PT8S PT16S",
        "1 | 2 | 5 | PT1S PT2S PT4S PT5S PT5S",
        "1 | 1.5 | '' | PT1S PT1.5S PT2.25S PT3.375S PT5.0625S",
        "500ms | 3 | 10s | PT0.5S PT1.5S PT4.5S PT10S PT10S",
        "2m | 2 | '' | PT2M PT4M PT8M PT16M PT32M",
      })
  void growsTheWaitByFactorUpToTheCap(String duration, String factor, String cap, String waits) {
    RetryStrategy s = strategy("10", "Always", backoff(duration, factor, cap, null), null);
    List<Duration> actual = new ArrayList<>();
    for (int n = 1; n <= 5; n++) {
      actual.add(((Retry) RetryDecider.decide(s, afterFailure(n))).delay());
    }
    assertThat(actual)
        .containsExactlyElementsOf(
            java.util.Arrays.stream(waits.split(" ")).map(Duration::parse).toList());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiterString = " | ",
      value = {
        "4 | Backoff for 4 seconds",
        "1 | Backoff for 1 second",
        "90 | Backoff for 1 minute 30 seconds",
        "500ms | Backoff for 0 seconds",
        "2h | Backoff for 2 hours 0 minutes",
      })
  void describesTheWaitAsArgoDoes(String duration, String message) {
    RetryStrategy s = strategy("3", "Always", backoff(duration, null, null, null), null);
    assertThat(((Retry) RetryDecider.decide(s, afterFailure(1))).message()).isEqualTo(message);
  }

  @Test
  void honoursBackoffWithoutALimit() {
    RetryStrategy s = strategy(null, "Always", backoff("10", "2", null, null), null);
    assertThat(RetryDecider.decide(s, afterFailure(2)))
        .isEqualTo(new Retry(Duration.ofSeconds(20), "Backoff for 20 seconds"));
  }

  @Test
  void neverWaitsForARetryThePolicyRefuses() {
    RetryStrategy s = strategy("5", "OnError", backoff("30", null, null, null), null);
    assertThat(RetryDecider.decide(s, afterFailure(1)))
        .isEqualTo(new Finish(NodePhase.Failed, EXIT_1));
  }

  @Test
  void neverWaitsForARetryTheLimitRefuses() {
    RetryStrategy s = strategy("1", "Always", backoff("30", null, null, null), null);
    assertThat(RetryDecider.decide(s, afterFailure(2)))
        .isEqualTo(new Finish(NodePhase.Failed, "No more retries left"));
  }

  @Test
  void hugeGrowthSaturatesInsteadOfOverflowing() {
    RetryStrategy s = strategy(null, "Always", backoff("1h", "1000", null, null), null);
    Retry r = (Retry) RetryDecider.decide(s, afterFailure(10_000));
    assertThat(r.delay()).isEqualTo(Backoffs.MAX);
  }

  @Test
  void hugeGrowthIsStillCapped() {
    RetryStrategy s = strategy(null, "Always", backoff("1", "1e9999", "1h", null), null);
    assertThat(RetryDecider.decide(s, afterFailure(Integer.MAX_VALUE)))
        .isEqualTo(new Retry(Duration.ofHours(1), "Backoff for 1 hour 0 minutes"));
  }

  @Test
  void growthJustBelowSaturationIsExact() {
    RetryStrategy.Backoff b =
        new RetryStrategy.Backoff(Duration.ofNanos(1), new BigDecimal("2"), null, null);
    assertThat(Backoffs.delay(b, 63)).isEqualTo(Duration.ofNanos(1L << 62));
    assertThat(Backoffs.delay(b, 64)).isEqualTo(Backoffs.MAX);
  }

  // --- §4: maxDuration -------------------------------------------------------------------------

  /** Runs attempts of {@code attemptSeconds} each back to back, honouring every wait. */
  private static List<Object> schedule(RetryStrategy s, long attemptSeconds) {
    List<Object> events = new ArrayList<>();
    Instant start = T0;
    for (int n = 1; n <= 50; n++) {
      Instant end = start.plusSeconds(attemptSeconds);
      RetryDecision d =
          RetryDecider.decide(s, new RetryContext(n, T0, failed(start, end), end, null, null));
      if (d instanceof Retry r) {
        events.add(r.delay().toSeconds());
        start = end.plus(r.delay());
      } else {
        events.add(n + " attempts: " + ((Finish) d).message());
        return events;
      }
    }
    return events;
  }

  @Test
  void seedExampleWaitsDoublingThenStopsBeforeTheWindowEnds() {
    // Attempts of 2 s: they end at 2, 5, 9, 15, 25, 43 s; the wait after the sixth (32 s) would
    // end at 75 s, past the 60 s window.
    RetryStrategy seed = strategy("10", "Always", backoff("1", "2", null, "1m"), null);
    assertThat(schedule(seed, 2))
        .containsExactly(
            1L, 2L, 4L, 8L, 16L, "6 attempts: Backoff would exceed max duration limit");
  }

  @Test
  void seedExampleStopsWhenAnAttemptEndsPastTheWindow() {
    // Attempts of 5 s: they end at 5, 11, 18, 27, 40 and 61 s; 61 s is past the window.
    RetryStrategy seed = strategy("10", "Always", backoff("1", "2", null, "1m"), null);
    assertThat(schedule(seed, 5))
        .containsExactly(1L, 2L, 4L, 8L, 16L, "6 attempts: Max duration limit exceeded");
  }

  @Test
  void seedExampleWithCapWaitsAtMostFiveSeconds() {
    RetryStrategy capped = strategy("10", "Always", backoff("1", "2", "5", "1m"), null);
    assertThat(schedule(capped, 1))
        .containsExactly(
            1L, 2L, 4L, 5L, 5L, 5L, 5L, 5L, 5L, 5L, "11 attempts: No more retries left");
  }

  @Test
  void maxDurationIsCheckedBeforeThePolicyAsInArgo() {
    RetryStrategy s = strategy("3", "OnError", backoff("1", null, null, "10s"), null);
    Instant start = T0.plusSeconds(8);
    RetryContext late =
        new RetryContext(2, T0, failed(start, T0.plusSeconds(11)), T0.plusSeconds(11), null, null);
    assertThat(RetryDecider.decide(s, late))
        .isEqualTo(new Finish(NodePhase.Failed, "Max duration limit exceeded"));
  }

  @Test
  void waitEndingExactlyAtTheWindowEndIsAllowed() {
    RetryStrategy s = strategy(null, "Always", backoff("5", null, null, "10s"), null);
    RetryContext c =
        new RetryContext(1, T0, failed(T0, T0.plusSeconds(5)), T0.plusSeconds(5), null, null);
    assertThat(RetryDecider.decide(s, c))
        .isEqualTo(new Retry(Duration.ofSeconds(5), "Backoff for 5 seconds"));
  }

  // --- targo extension: backoff.jitter ---------------------------------------------------------

  private static RetryStrategy jittered(String duration, String max, String jitter) {
    return strategy(
        null, "Always", new RetryStrategySpec.BackoffSpec(duration, null, null, max, jitter), null);
  }

  private static RetryContext keyed(int n, Instant end, String key) {
    return new RetryContext(n, T0, failed(T0, end), end, null, null, key);
  }

  @Test
  void jitterLengthensTheWaitByTheShareOfItsKeyAndSaysSo() {
    // JitterTest pins this share: 10 s × 0.5 for wf/wf.a after 1 attempt is 1,768 ms.
    RetryDecision d =
        RetryDecider.decide(jittered("10", null, "0.5"), keyed(1, T0.plusSeconds(5), "wf/wf.a"));

    assertThat(d)
        .isEqualTo(
            new Retry(
                Duration.ofMillis(11_768), "Backoff for 11 seconds", Duration.ofMillis(1_768)));
  }

  @Test
  void twoNodesThatFailedTogetherWaitDifferently() {
    RetryStrategy s = jittered("10", null, "0.5");
    Retry a = (Retry) RetryDecider.decide(s, keyed(1, T0.plusSeconds(5), "wf/wf.a"));
    Retry b = (Retry) RetryDecider.decide(s, keyed(1, T0.plusSeconds(5), "wf/wf.b"));

    assertThat(a.delay()).isEqualTo(Duration.ofMillis(11_768));
    assertThat(b.delay()).isEqualTo(Duration.ofMillis(14_908));
  }

  @Test
  void theWindowChecksTheWaitWithItsJitter() {
    // The plain wait of 10 s ends at 15 s, inside the 16 s window; with its 1.768 s of jitter it
    // would end at 16.768 s.
    assertThat(
            RetryDecider.decide(
                jittered("10", "16s", "0.5"), keyed(1, T0.plusSeconds(5), "wf/wf.a")))
        .isEqualTo(new Finish(NodePhase.Failed, "Backoff would exceed max duration limit"));
  }

  @Test
  void withoutJitterTheRetryCarriesNone() {
    Retry r =
        (Retry)
            RetryDecider.decide(jittered("10", null, null), keyed(1, T0.plusSeconds(5), "wf/wf.a"));
    assertThat(r.jitter()).isZero();
    assertThat(r.delay()).isEqualTo(Duration.ofSeconds(10));
  }

  // --- §3 step 2: stop and deadline ------------------------------------------------------------

  @ParameterizedTest(name = "{0} after {1}")
  @CsvSource({"Stop, Failed", "Terminate, Error"})
  void stoppingFinishesWithTheAttemptsPhase(String strategy, NodePhase phase) {
    AttemptOutcome last = outcome(phase, "x", null, T0, T0.plusSeconds(1), false);
    RetryContext c = new RetryContext(1, T0, last, T0.plusSeconds(1), null, strategy);
    assertThat(RetryDecider.decide(strategy(null, "Always", null, null), c))
        .isEqualTo(new Finish(phase, "Stopped with strategy '" + strategy + "'"));
  }

  @Test
  void passedWorkflowDeadlineFinishesTheNode() {
    Instant deadline = T0.plusSeconds(600);
    RetryContext c =
        new RetryContext(
            1, T0, failed(T0, T0.plusSeconds(601)), T0.plusSeconds(601), deadline, null);
    assertThat(RetryDecider.decide(strategy(null, "Always", null, null), c))
        .isEqualTo(
            new Finish(
                NodePhase.Failed,
                "retry exceeded workflow deadline 2024-01-01 00:10:00 +0000 UTC"));
  }

  @Test
  void workflowDeadlineNotYetPassedAllowsRetry() {
    Instant deadline = T0.plusSeconds(600);
    RetryContext c = new RetryContext(1, T0, failed(T0, deadline), deadline, deadline, null);
    assertThat(RetryDecider.decide(strategy(null, "Always", null, null), c)).isEqualTo(RETRY_NOW);
  }

  @Test
  void deadlineWithFractionPrintsItLikeGo() {
    assertThat(GoTime.format(Instant.parse("2024-03-04T05:06:07.120Z")))
        .isEqualTo("2024-03-04 05:06:07.12 +0000 UTC");
  }

  // --- §3 step 6 and §5: expression ------------------------------------------------------------

  private static final String ARGO_EXAMPLE =
      "asInt(lastRetry.exitCode) > 1 && lastRetry.status != \"Error\" && asInt(lastRetry.duration) < 120";

  @Test
  void expressionTrueRetries() {
    AttemptOutcome last =
        outcome(NodePhase.Failed, "main: Error (exit code 2)", 2, T0, T0.plusSeconds(6), false);
    assertThat(RetryDecider.decide(strategy("3", null, null, ARGO_EXAMPLE), ctx(1, last)))
        .isEqualTo(RETRY_NOW);
  }

  @Test
  void expressionFalseFinishesWithArgosMessage() {
    AttemptOutcome last = outcome(NodePhase.Failed, EXIT_1, 1, T0, T0.plusSeconds(6), false);
    assertThat(RetryDecider.decide(strategy("3", null, null, ARGO_EXAMPLE), ctx(1, last)))
        .isEqualTo(new Finish(NodePhase.Failed, "retryStrategy.expression evaluated to false"));
  }

  @Test
  void expressionErrorFinishesTheNodeAsError() {
    AttemptOutcome last = outcome(NodePhase.Failed, EXIT_1, 2, T0, T0.plusMillis(6500), false);
    RetryDecision d = RetryDecider.decide(strategy("3", null, null, ARGO_EXAMPLE), ctx(1, last));
    assertThat(d).isInstanceOf(Finish.class);
    assertThat(((Finish) d).phase()).isEqualTo(NodePhase.Error);
    assertThat(((Finish) d).message())
        .startsWith(
            "unable to evaluate expression '"
                + ARGO_EXAMPLE
                + "': invalid operation: int(6.5) (1:");
  }

  @Test
  void nonBooleanExpressionFinishesTheNodeAsError() {
    assertThat(RetryDecider.decide(strategy(null, null, null, "lastRetry.status"), afterFailure(1)))
        .isEqualTo(
            new Finish(NodePhase.Error, "unable to cast expression result 'Failed' to bool"));
  }

  @Test
  void expressionSeesTheIndexOfTheAttemptThatFailed() {
    RetryStrategy s = strategy(null, null, null, "retries == '2'");
    assertThat(RetryDecider.decide(s, afterFailure(3))).isEqualTo(RETRY_NOW);
    assertThat(RetryDecider.decide(s, afterFailure(2)))
        .isEqualTo(new Finish(NodePhase.Failed, "retryStrategy.expression evaluated to false"));
  }

  @Test
  void expressionSeesTheTerminationReasonAsLastRetryReason() {
    AttemptOutcome oom =
        outcome(
                NodePhase.Failed,
                "main: OOMKilled (exit code 137)",
                137,
                T0,
                T0.plusSeconds(1),
                false)
            .withReason(AttemptOutcome.OOM_KILLED);
    RetryStrategy s = strategy(null, null, null, "lastRetry.reason == 'OOMKilled'");
    assertThat(RetryDecider.decide(s, ctx(1, oom))).isEqualTo(RETRY_NOW);
    assertThat(RetryDecider.decide(s, afterFailure(1)))
        .isEqualTo(new Finish(NodePhase.Failed, "retryStrategy.expression evaluated to false"));
  }

  @Test
  void expressionSeesMinusOneWithoutAnExitCode() {
    AttemptOutcome deleted =
        outcome(NodePhase.Error, "pod deleted", null, T0, T0.plusSeconds(1), false);
    RetryStrategy s =
        strategy(null, null, null, "lastRetry.exitCode == '-1' && lastRetry.status == 'Error'");
    assertThat(RetryDecider.decide(s, ctx(1, deleted))).isEqualTo(RETRY_NOW);
  }

  @Test
  void exhaustedLimitWinsOverAFailingExpression() {
    RetryStrategy s = new RetryStrategy(0, RetryPolicy.Always, null, false, "asInt('x') > 1");
    assertThat(RetryDecider.decide(s, afterFailure(1)))
        .isEqualTo(new Finish(NodePhase.Failed, "No more retries left"));
  }
}
