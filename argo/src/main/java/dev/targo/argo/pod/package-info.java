/**
 * Pods as Argo sees them: the request for one attempt and its outcome, the classification of a
 * pod's status into an attempt phase (ARGO-SEMANTICS §2), node exclusion, scheduling of the local
 * executor's simulated nodes, pod spec patches, {@code podGC}, and which leftover pods the sweeper
 * deletes.
 *
 * <p><b>Runs:</b> Pure: executors turn Kubernetes objects into these records and back.
 */
package dev.targo.argo.pod;
