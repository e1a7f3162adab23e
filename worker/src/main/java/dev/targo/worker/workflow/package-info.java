/**
 * Temporal workflow code: the interpreter of plans. {@link
 * dev.targo.worker.workflow.ArgoWorkflowImpl} (one Argo workflow) and {@link
 * dev.targo.worker.workflow.NodeWorkflowImpl} (one node below it, as a child workflow) run every
 * node through the one {@link dev.targo.worker.workflow.NodeRunner}.
 *
 * <p><b>Runs:</b> Workflow thread only. Deterministic: time from {@code
 * Workflow.currentTimeMillis}, waiting through {@code Workflow.await} and timers, no threads, I/O
 * or static mutable state; {@code temporal-workflowcheck} checks it in {@code verify}, the replay
 * tests check history compatibility, and {@link dev.targo.worker.workflow.ChangeIds} is the one
 * registry of change ids.
 */
package dev.targo.worker.workflow;
