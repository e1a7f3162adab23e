/**
 * The govaluate subset Argo uses for {@code when} conditions of steps and DAG tasks.
 *
 * <p><b>Runs:</b> Pure; it runs inside workflow code, so it is deterministic.
 */
package dev.targo.argo.when;
