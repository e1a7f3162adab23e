/**
 * The {@code kubernetes} executor: each attempt as a pod through the Kubernetes API (fabric8), one
 * shared informer per namespace, adoption by pod name, and the leftover-pod sweeper.
 *
 * <p><b>Runs:</b> Activity threads, plus fabric8's informer threads and the sweeper's thread.
 */
package dev.targo.worker.executor.kubernetes;
