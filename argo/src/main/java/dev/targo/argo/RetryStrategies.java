package dev.targo.argo;

import dev.targo.argo.expr.Expr;
import dev.targo.argo.expr.ExprException;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.status.NodePhase;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Turns a written {@code retryStrategy} into a typed one, or every problem with it. Pure. */
public final class RetryStrategies {
  private RetryStrategies() {}

  /** The result of {@link #resolve}: either a strategy or a non-empty list of problems. */
  public sealed interface Resolution {
    /** The strategy is valid. */
    record Resolved(RetryStrategy strategy) implements Resolution {}

    /** The strategy has problems, in field order. */
    record Invalid(List<FieldError> errors) implements Resolution {}
  }

  /** Go's {@code strconv.Atoi} syntax, which Argo's {@code intstr.Int} uses for limits. */
  private static final Pattern ATOI = Pattern.compile("[+-]?[0-9]+");

  /**
   * A scope shaped as the one the expression sees at run time (every value a string), so that
   * compile-time errors such as {@code retries == 1} are found before anything runs.
   */
  private static final Map<String, Object> EXPRESSION_SHAPE =
      RetryVariables.expressionScope(
          0,
          AttemptOutcome.ofPod(
              NodePhase.Failed, "", 1, null, Instant.EPOCH, Instant.EPOCH, null, null, null));

  /**
   * Resolves {@code spec}, whose fields must already be substituted. Fields still holding {@code
   * {{…}}} are problems here; the translator skips those at lint time.
   *
   * <p>Rules beyond Argo's (which checks only {@code retryPolicy} before running): a negative
   * {@code limit} is rejected (Argo runs it as 0: one attempt, then {@code No more retries left});
   * {@code factor} accepts decimals and rejects values between 0 and 1 and negatives, while 0 keeps
   * Argo's meaning (no growth); every duration and the expression are checked here.
   */
  public static Resolution resolve(RetryStrategySpec spec) {
    List<FieldError> errors = new ArrayList<>();
    Integer limit = limit(spec.limit(), errors);
    RetryPolicy policy = policy(spec, errors);
    RetryStrategy.Backoff backoff = spec.backoff() == null ? null : backoff(spec.backoff(), errors);
    RetryStrategy.AntiAffinityType type = antiAffinityType(spec.nodeAntiAffinityType(), errors);
    String expression = expression(spec.expression(), "expression", errors);
    RetryStrategy.MemoryGrowth onOOMKilled = onOOMKilled(spec.onOOMKilled(), errors);
    Integer maxExcluded = maxExcluded(spec.nodeAntiAffinityMaxExcluded(), errors);
    String exclusion =
        expression(
            spec.nodeAntiAffinityExpression(), "affinity.nodeAntiAffinity.expression", errors);
    Duration relaxAfter = relaxAfter(spec.nodeAntiAffinityRelaxAfter(), errors);
    if (!errors.isEmpty()) {
      return new Resolution.Invalid(List.copyOf(errors));
    }
    return new Resolution.Resolved(
        new RetryStrategy(
            limit,
            policy,
            backoff,
            spec.nodeAntiAffinity(),
            expression,
            type,
            spec.nodeAntiAffinityTopologyKey(),
            onOOMKilled,
            maxExcluded,
            exclusion,
            relaxAfter));
  }

  /** targo's {@code nodeAntiAffinity.relaxAfter}: a duration above zero, or null. */
  private static Duration relaxAfter(String text, List<FieldError> errors) {
    String field = "affinity.nodeAntiAffinity.relaxAfter";
    Duration d = duration(field, text, errors);
    if (d != null && d.isZero()) {
      errors.add(
          new FieldError(
              field, "relaxAfter must be more than 0 (a pod needs time to be scheduled)"));
      return null;
    }
    return d;
  }

  /** targo's {@code nodeAntiAffinity.maxExcluded}: a whole number of 1 or more, or null. */
  private static Integer maxExcluded(String text, List<FieldError> errors) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      int n = Integer.parseInt(text.strip());
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    errors.add(
        new FieldError(
            "affinity.nodeAntiAffinity.maxExcluded",
            text + " is not a valid maxExcluded (a whole number of 1 or more)"));
    return null;
  }

  /** What {@code onOOMKilled.memory.factor} is when not written. */
  public static final BigDecimal DEFAULT_MEMORY_FACTOR = BigDecimal.valueOf(2);

  /**
   * targo's {@code onOOMKilled.memory}: a factor above 1 (2 when not written) and a required {@code
   * max} quantity.
   */
  private static RetryStrategy.MemoryGrowth onOOMKilled(
      RetryStrategySpec.OnOOMKilledSpec spec, List<FieldError> errors) {
    if (spec == null) {
      return null;
    }
    RetryStrategySpec.MemoryGrowthSpec memory = spec.memory();
    if (memory == null) {
      errors.add(
          new FieldError("onOOMKilled.memory", "onOOMKilled needs memory: {factor: 2, max: 16Gi}"));
      return null;
    }
    int before = errors.size();
    BigDecimal factor = decimal("onOOMKilled.memory.factor", memory.factor(), errors);
    if (factor != null && factor.compareTo(BigDecimal.ONE) <= 0) {
      errors.add(
          new FieldError(
              "onOOMKilled.memory.factor",
              "factor must be greater than 1 (2 doubles the memory), got '"
                  + memory.factor()
                  + "'"));
    }
    long max = 0;
    if (memory.max() == null || memory.max().isEmpty()) {
      errors.add(
          new FieldError(
              "onOOMKilled.memory.max", "max is required: the memory limit never grows past it"));
    } else {
      try {
        max = Quantities.bytes(memory.max());
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError("onOOMKilled.memory.max", e.getMessage()));
      }
    }
    if (errors.size() > before) {
      return null;
    }
    return new RetryStrategy.MemoryGrowth(factor == null ? DEFAULT_MEMORY_FACTOR : factor, max);
  }

  /** targo's {@code nodeAntiAffinity.type}: {@code Required} (Argo's) when empty. */
  private static RetryStrategy.AntiAffinityType antiAffinityType(
      String text, List<FieldError> errors) {
    if (text == null || text.isEmpty()) {
      return RetryStrategy.AntiAffinityType.Required;
    }
    for (RetryStrategy.AntiAffinityType t : RetryStrategy.AntiAffinityType.values()) {
      if (t.name().equals(text)) {
        return t;
      }
    }
    errors.add(
        new FieldError(
            "affinity.nodeAntiAffinity.type",
            text + " is not a valid nodeAntiAffinity type (Required or Preferred)"));
    return null;
  }

  private static Integer limit(String text, List<FieldError> errors) {
    if (text == null) {
      return null;
    }
    long value;
    try {
      if (!ATOI.matcher(text).matches()) {
        throw new NumberFormatException();
      }
      value = Long.parseLong(text);
      if (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      errors.add(new FieldError("limit", "value '" + text + "' cannot be resolved to an int"));
      return null;
    }
    if (value < 0) {
      errors.add(
          new FieldError(
              "limit",
              "limit must not be negative, got '"
                  + text
                  + "' (it counts retries: 0 means one"
                  + " attempt)"));
      return null;
    }
    return (int) value;
  }

  private static RetryPolicy policy(RetryStrategySpec spec, List<FieldError> errors) {
    String text = spec.retryPolicy();
    if (text == null || text.isEmpty()) {
      boolean hasExpression = spec.expression() != null && !spec.expression().isEmpty();
      return hasExpression ? RetryPolicy.Always : RetryPolicy.OnFailure;
    }
    for (RetryPolicy p : RetryPolicy.values()) {
      if (p.name().equals(text)) {
        return p;
      }
    }
    errors.add(new FieldError("retryPolicy", text + " is not a valid RetryPolicy"));
    return null;
  }

  private static RetryStrategy.Backoff backoff(
      RetryStrategySpec.BackoffSpec spec, List<FieldError> errors) {
    Duration duration = null;
    if (spec.duration() == null || spec.duration().isEmpty()) {
      errors.add(
          new FieldError("backoff.duration", "no base duration specified for retryStrategy"));
    } else {
      duration = duration("backoff.duration", spec.duration(), errors);
    }
    BigDecimal factor = factor(spec.factor(), errors);
    Duration cap = duration("backoff.cap", spec.cap(), errors);
    Duration maxDuration = duration("backoff.maxDuration", spec.maxDuration(), errors);
    BigDecimal jitter = jitter(spec.jitter(), errors);
    return new RetryStrategy.Backoff(duration, factor, cap, maxDuration, jitter);
  }

  /** targo's {@code backoff.jitter}: a fraction of the wait, from 0 to 1; 0 means none. */
  private static BigDecimal jitter(String text, List<FieldError> errors) {
    BigDecimal jitter = decimal("backoff.jitter", text, errors);
    if (jitter == null) {
      return null;
    }
    if (jitter.signum() < 0 || jitter.compareTo(BigDecimal.ONE) > 0) {
      errors.add(
          new FieldError(
              "backoff.jitter",
              "jitter is a fraction of the wait from 0 to 1 (0.2 adds up to 20%), got '"
                  + text
                  + "'"));
      return null;
    }
    return jitter.signum() == 0 ? null : jitter;
  }

  private static Duration duration(String field, String text, List<FieldError> errors) {
    if (text == null || text.isEmpty()) {
      return null; // Argo treats an empty cap or maxDuration as absent
    }
    try {
      return ArgoDurations.parse(text);
    } catch (IllegalArgumentException e) {
      errors.add(new FieldError(field, e.getMessage()));
      return null;
    }
  }

  /** A decimal field: null when absent (or empty), or when it is no number (with its error). */
  private static BigDecimal decimal(String field, String text, List<FieldError> errors) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      errors.add(new FieldError(field, "value '" + text + "' cannot be resolved to a number"));
      return null;
    }
  }

  private static BigDecimal factor(String text, List<FieldError> errors) {
    BigDecimal factor = decimal("backoff.factor", text, errors);
    if (factor == null) {
      return null;
    }
    if (factor.signum() < 0 || (factor.signum() > 0 && factor.compareTo(BigDecimal.ONE) < 0)) {
      errors.add(
          new FieldError(
              "backoff.factor",
              "factor must be at least 1 (or 0 for no growth), got '" + text + "'"));
      return null;
    }
    return factor;
  }

  /**
   * An expression over the {@code lastRetry.*} scope ({@code expression}, or targo's {@code
   * nodeAntiAffinity.expression}), checked against its shape; null when not written.
   */
  private static String expression(String text, String field, List<FieldError> errors) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      Expr.parse(text).check(EXPRESSION_SHAPE);
      return text;
    } catch (ExprException e) {
      errors.add(new FieldError(field, e.shortText()));
      return null;
    }
  }
}
