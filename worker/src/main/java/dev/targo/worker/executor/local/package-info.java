/**
 * The {@code local} executor: each pod's command as a local process on one of N simulated nodes.
 *
 * <p><b>Runs:</b> Activity threads, plus the executor's own threads that watch processes.
 */
package dev.targo.worker.executor.local;
