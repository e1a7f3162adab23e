/**
 * The activities that run pods: one attempt as a pod through an executor, heartbeating its
 * progress, and pod deletion.
 *
 * <p><b>Runs:</b> Activity threads (virtual threads in {@code targo worker}); they may block and do
 * I/O.
 */
package dev.targo.worker.activity;
