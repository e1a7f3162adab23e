/**
 * Argo's retry semantics (ARGO-SEMANTICS §3–§7): what the next attempt of a node is ({@link
 * dev.targo.argo.retry.AttemptPlanner}), what follows a finished attempt ({@link
 * dev.targo.argo.retry.RetryDecider}), backoff and window maths, deadlines and transient errors.
 *
 * <p><b>Runs:</b> Pure: workflow code passes the time in and carries out the decision.
 */
package dev.targo.argo.retry;
