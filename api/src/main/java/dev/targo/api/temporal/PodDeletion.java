package dev.targo.api.temporal;

import java.util.List;

/**
 * Which pods to delete: the named ones, or, when {@code workflowName} is set, every pod targo made
 * for that workflow (found by its workflow and managed-by labels).
 *
 * @param namespace the Kubernetes namespace, or null/empty for the executor's default
 * @param podNames pods to delete by name (empty when deleting by workflow)
 * @param workflowName the workflow whose pods all go, or null
 * @param abandoned true when the workflow gave up on the attempts of these pods while they may
 *     still run (deadline, window end, stop, cancellation): the executor marks each pod before it
 *     deletes it, so the attempt still waiting for it ends at once instead of creating it again
 *     (absent in payloads of workers before this field: false)
 */
public record PodDeletion(
    String namespace, List<String> podNames, String workflowName, boolean abandoned) {

  public PodDeletion {
    podNames = podNames == null ? List.of() : List.copyOf(podNames);
  }

  /** Finished pods (not abandoned). */
  public PodDeletion(String namespace, List<String> podNames, String workflowName) {
    this(namespace, podNames, workflowName, false);
  }

  /** The one named pod, whose attempt has finished. */
  public static PodDeletion pod(String namespace, String podName) {
    return new PodDeletion(namespace, List.of(podName), null, false);
  }

  /** The one named pod of an attempt the workflow gave up on while it may still run. */
  public static PodDeletion abandoned(String namespace, String podName) {
    return new PodDeletion(namespace, List.of(podName), null, true);
  }

  /** Every pod of the workflow. */
  public static PodDeletion workflow(String namespace, String workflowName) {
    return new PodDeletion(namespace, List.of(), workflowName, false);
  }
}
