/**
 * Argo's steps and DAG semantics: node names and display names, loop expansion, input binding, the
 * {@code steps.X}/{@code tasks.X} variables, DAG readiness and phase ({@link
 * dev.targo.argo.flow.DagDecider}), the plans child workflows get.
 *
 * <p><b>Runs:</b> Pure.
 */
package dev.targo.argo.flow;
