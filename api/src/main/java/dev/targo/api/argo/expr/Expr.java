package dev.targo.api.argo.expr;

import java.util.Map;

/**
 * A parsed expr-lang expression (Argo's {@code retryStrategy.expression}). Pure and deterministic:
 * it runs inside Temporal workflow code.
 */
public final class Expr {

  private Expr() {}

  /** Parses {@code source}; throws {@link ExprException} with the 1-based column of the problem. */
  public static Expr parse(String source) {
    throw new UnsupportedOperationException("being written");
  }

  /**
   * Evaluates against {@code scope} (dotted names such as {@code lastRetry.exitCode} map to their
   * values); throws {@link ExprException} on an evaluation error.
   */
  public Object evaluate(Map<String, Object> scope) {
    throw new UnsupportedOperationException("being written");
  }
}
