/**
 * What runs a pod: the executor interface the activities call.
 *
 * <p><b>Runs:</b> Activity threads.
 */
package dev.targo.worker.executor;
