/**
 * The subset of expr-lang that Argo evaluates for {@code retryStrategy.expression}: lexer, parser,
 * type checker and evaluator, with Argo's error texts.
 *
 * <p><b>Runs:</b> Pure; it runs inside workflow code, so it is deterministic.
 */
package dev.targo.argo.expr;
