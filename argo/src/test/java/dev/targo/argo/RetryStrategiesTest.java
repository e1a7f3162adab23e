package dev.targo.argo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.RetryStrategies.Resolution;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.RetryStrategySpec.BackoffSpec;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryStrategiesTest {

  private static RetryStrategy resolved(RetryStrategySpec spec) {
    Resolution r = RetryStrategies.resolve(spec);
    assertThat(r).isInstanceOf(Resolution.Resolved.class);
    return ((Resolution.Resolved) r).strategy();
  }

  private static List<FieldError> errors(RetryStrategySpec spec) {
    Resolution r = RetryStrategies.resolve(spec);
    assertThat(r).isInstanceOf(Resolution.Invalid.class);
    return ((Resolution.Invalid) r).errors();
  }

  private static RetryStrategySpec limit(String limit) {
    return new RetryStrategySpec(limit, null, null, false, null);
  }

  private static RetryStrategySpec backoff(String duration, String factor, String cap, String max) {
    return new RetryStrategySpec(
        null, null, new BackoffSpec(duration, factor, cap, max), false, null);
  }

  @Test
  void emptyStrategyMeansUnlimitedOnFailureWithoutBackoff() {
    assertThat(resolved(new RetryStrategySpec(null, null, null, false, null)))
        .isEqualTo(new RetryStrategy(null, RetryPolicy.OnFailure, null, false, null));
  }

  @Test
  void resolvesTheSeedExample() {
    RetryStrategySpec seed =
        new RetryStrategySpec("10", "Always", new BackoffSpec("1", "2", null, "1m"), true, null);
    assertThat(resolved(seed))
        .isEqualTo(
            new RetryStrategy(
                10,
                RetryPolicy.Always,
                new RetryStrategy.Backoff(
                    Duration.ofSeconds(1), new BigDecimal("2"), null, Duration.ofMinutes(1)),
                true,
                null));
  }

  @ParameterizedTest(name = "limit {0} -> {1}")
  @CsvSource({"0, 0", "1, 1", "10, 10", "+3, 3", "007, 7"})
  void acceptsIntegerLimits(String text, int value) {
    assertThat(resolved(limit(text)).limit()).isEqualTo(value);
  }

  @ParameterizedTest(name = "limit {0}")
  @CsvSource({"1.5", "ten", "'{{inputs.parameters.n}}'", "' 1'", "99999999999"})
  void rejectsLimitsThatAreNotIntegersWithArgosMessage(String text) {
    assertThat(errors(limit(text)))
        .containsExactly(
            new FieldError("limit", "value '" + text + "' cannot be resolved to an int"));
  }

  @Test
  void rejectsNegativeLimits() {
    assertThat(errors(limit("-1")))
        .containsExactly(
            new FieldError(
                "limit",
                "limit must not be negative, got '-1' (it counts retries: 0 means one attempt)"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"Always", "OnFailure", "OnError", "OnTransientError"})
  void acceptsTheFourPolicies(String policy) {
    assertThat(resolved(new RetryStrategySpec(null, policy, null, false, null)).policy())
        .isEqualTo(RetryPolicy.valueOf(policy));
  }

  @Test
  void rejectsOtherPoliciesWithArgosMessage() {
    assertThat(errors(new RetryStrategySpec(null, "onfailure", null, false, null)))
        .containsExactly(new FieldError("retryPolicy", "onfailure is not a valid RetryPolicy"));
  }

  @Test
  void expressionWithoutPolicyDefaultsToAlways() {
    assertThat(
            resolved(new RetryStrategySpec(null, null, null, false, "lastRetry.status == 'Failed'"))
                .policy())
        .isEqualTo(RetryPolicy.Always);
  }

  @Test
  void explicitPolicyWinsOverTheExpressionDefault() {
    assertThat(resolved(new RetryStrategySpec(null, "OnError", null, false, "true")).policy())
        .isEqualTo(RetryPolicy.OnError);
  }

  @Test
  void backoffNeedsADuration() {
    assertThat(errors(backoff(null, "2", null, null)))
        .containsExactly(
            new FieldError("backoff.duration", "no base duration specified for retryStrategy"));
  }

  @ParameterizedTest(name = "factor {0}")
  @CsvSource({"0, 0", "1, 1", "1.5, 1.5", "2, 2", "10, 10"})
  void acceptsFactorsOfOneOrMoreAndZero(String text, BigDecimal value) {
    assertThat(resolved(backoff("1", text, null, null)).backoff().factor()).isEqualTo(value);
  }

  @ParameterizedTest(name = "factor {0}")
  @CsvSource({"0.5", "-1", "-0.5"})
  void rejectsFactorsBelowOneExceptZero(String text) {
    assertThat(errors(backoff("1", text, null, null)))
        .containsExactly(
            new FieldError(
                "backoff.factor",
                "factor must be at least 1 (or 0 for no growth), got '" + text + "'"));
  }

  @Test
  void rejectsNonNumericFactors() {
    assertThat(errors(backoff("1", "two", null, null)))
        .containsExactly(
            new FieldError("backoff.factor", "value 'two' cannot be resolved to a number"));
  }

  @Test
  void parsesCapAndMaxDurationAsDurations() {
    RetryStrategy.Backoff b = resolved(backoff("500ms", null, "5", "1d")).backoff();
    assertThat(b)
        .isEqualTo(
            new RetryStrategy.Backoff(
                Duration.ofMillis(500), null, Duration.ofSeconds(5), Duration.ofDays(1)));
  }

  @Test
  void reportsEveryProblemInFieldOrder() {
    RetryStrategySpec spec =
        new RetryStrategySpec(
            "x", "Sometimes", new BackoffSpec("1y", "0.5", "-1s", "soon"), false, "retries >");
    assertThat(errors(spec))
        .containsExactly(
            new FieldError("limit", "value 'x' cannot be resolved to an int"),
            new FieldError("retryPolicy", "Sometimes is not a valid RetryPolicy"),
            new FieldError(
                "backoff.duration",
                "unable to parse 1y as a duration: time: unknown unit \"y\" in duration \"1y\""),
            new FieldError(
                "backoff.factor", "factor must be at least 1 (or 0 for no growth), got '0.5'"),
            new FieldError(
                "backoff.cap",
                "unable to parse -1s as a duration: negative durations are not allowed"),
            new FieldError(
                "backoff.maxDuration",
                "unable to parse soon as a duration: time: invalid duration \"soon\""),
            new FieldError("expression", "unexpected token EOF (1:9)"));
  }

  @Test
  void reportsExpressionTypeErrorsArgoWouldRaiseAtRunTime() {
    assertThat(errors(new RetryStrategySpec(null, null, null, false, "retries == 1")))
        .containsExactly(
            new FieldError(
                "expression", "invalid operation: == (mismatched types string and int) (1:9)"));
  }

  @Test
  void reportsUnknownNamesInTheExpression() {
    assertThat(errors(new RetryStrategySpec(null, null, null, false, "retry > 1")))
        .containsExactly(new FieldError("expression", "unknown name retry (1:1)"));
  }

  @Test
  void keepsNodeAntiAffinity() {
    assertThat(resolved(new RetryStrategySpec("1", null, null, true, null)).nodeAntiAffinity())
        .isTrue();
  }

  // --- targo extensions -------------------------------------------------------------------------

  private static RetryStrategySpec antiAffinity(String type) {
    return new RetryStrategySpec("1", null, null, true, null, type);
  }

  private static RetryStrategySpec jitter(String jitter) {
    return new RetryStrategySpec(
        null, null, new BackoffSpec("1", null, null, null, jitter), false, null);
  }

  @ParameterizedTest(name = "type {0} -> {1}")
  @CsvSource({"'', Required", "Required, Required", "Preferred, Preferred"})
  void acceptsTheTwoNodeAntiAffinityTypes(String type, RetryStrategy.AntiAffinityType expected) {
    assertThat(resolved(antiAffinity(type)).antiAffinityType()).isEqualTo(expected);
  }

  @Test
  void anAbsentTypeIsArgosRequiredExclusion() {
    RetryStrategy s = resolved(antiAffinity(null));
    assertThat(s.antiAffinityType()).isEqualTo(RetryStrategy.AntiAffinityType.Required);
    assertThat(s.avoidsFailedHostsPreferably()).isFalse();
  }

  @Test
  void preferredAvoidsFailedHostsOnlyWithNodeAntiAffinity() {
    assertThat(resolved(antiAffinity("Preferred")).avoidsFailedHostsPreferably()).isTrue();
    assertThat(
            resolved(new RetryStrategySpec("1", null, null, false, null, "Preferred"))
                .avoidsFailedHostsPreferably())
        .isFalse();
  }

  @ParameterizedTest(name = "type {0}")
  @CsvSource({"preferred", "Soft", "required"})
  void rejectsOtherNodeAntiAffinityTypes(String type) {
    assertThat(errors(antiAffinity(type)))
        .containsExactly(
            new FieldError(
                "affinity.nodeAntiAffinity.type",
                type + " is not a valid nodeAntiAffinity type (Required or Preferred)"));
  }

  @ParameterizedTest(name = "jitter {0}")
  @CsvSource({"0.2, 0.2", "1, 1", "0.05, 0.05"})
  void acceptsJitterFractionsUpToOne(String text, BigDecimal value) {
    assertThat(resolved(jitter(text)).backoff().jitter()).isEqualTo(value);
  }

  @Test
  void aJitterOfZeroIsNone() {
    assertThat(resolved(jitter("0")).backoff().jitter()).isNull();
  }

  @ParameterizedTest(name = "jitter {0}")
  @CsvSource({"1.5", "-0.1", "20"})
  void rejectsJitterOutsideZeroToOne(String text) {
    assertThat(errors(jitter(text)))
        .containsExactly(
            new FieldError(
                "backoff.jitter",
                "jitter is a fraction of the wait from 0 to 1 (0.2 adds up to 20%), got '"
                    + text
                    + "'"));
  }

  @Test
  void rejectsNonNumericJitter() {
    assertThat(errors(jitter("20%")))
        .containsExactly(
            new FieldError("backoff.jitter", "value '20%' cannot be resolved to a number"));
  }

  @Test
  void keepsTheTopologyKeyAndReadsAnEmptyOneAsHosts() {
    assertThat(
            resolved(new RetryStrategySpec("1", null, null, true, null, null, "pool"))
                .topologyKey())
        .isEqualTo("pool");
    assertThat(resolved(new RetryStrategySpec("1", null, null, true, null, null, "")).topologyKey())
        .isNull();
  }
}
