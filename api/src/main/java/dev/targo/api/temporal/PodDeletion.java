package dev.targo.api.temporal;

import java.util.List;

/**
 * Which finished pods to delete: the named ones, or, when {@code workflowName} is set, every pod
 * targo made for that workflow (found by its workflow and managed-by labels).
 *
 * @param namespace the Kubernetes namespace, or null/empty for the executor's default
 * @param podNames pods to delete by name (empty when deleting by workflow)
 * @param workflowName the workflow whose pods all go, or null
 */
public record PodDeletion(String namespace, List<String> podNames, String workflowName) {

  public PodDeletion {
    podNames = podNames == null ? List.of() : List.copyOf(podNames);
  }

  /** The one named pod. */
  public static PodDeletion pod(String namespace, String podName) {
    return new PodDeletion(namespace, List.of(podName), null);
  }

  /** Every pod of the workflow. */
  public static PodDeletion workflow(String namespace, String workflowName) {
    return new PodDeletion(namespace, List.of(), workflowName);
  }
}
