package dev.targo.api.argo;

import dev.targo.api.plan.RetryStrategySpec;
import java.util.List;

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

  /**
   * Resolves {@code spec}, whose fields must already be substituted. Fields still holding {@code
   * {{…}}} are problems here; the translator skips those at lint time.
   */
  public static Resolution resolve(RetryStrategySpec spec) {
    throw new UnsupportedOperationException("being written");
  }
}
