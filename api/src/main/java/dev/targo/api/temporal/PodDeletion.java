package dev.targo.api.temporal;

import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param labelSelector Argo's {@code podGC.labelSelector} as JSON text, or null: of the workflow's
 *     pods, only those it selects go
 * @param delayMillis Argo's {@code podGC.deleteDelayDuration}, or null: the pods go this long after
 *     the call, which returns at once (absent in older payloads: at once)
 */
public record PodDeletion(
    String namespace,
    List<String> podNames,
    String workflowName,
    boolean abandoned,
    @JsonInclude(JsonInclude.Include.NON_NULL) String labelSelector,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long delayMillis) {

  public PodDeletion {
    podNames = podNames == null ? List.of() : List.copyOf(podNames);
    delayMillis = delayMillis == null || delayMillis <= 0 ? null : delayMillis;
  }

  /** Finished pods (not abandoned), without selector or delay. */
  public PodDeletion(String namespace, List<String> podNames, String workflowName) {
    this(namespace, podNames, workflowName, false, null, null);
  }

  /** Without selector or delay. */
  public PodDeletion(
      String namespace, List<String> podNames, String workflowName, boolean abandoned) {
    this(namespace, podNames, workflowName, abandoned, null, null);
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

  /** This deletion restricted to the pods {@code selector} (JSON text, or null) selects. */
  public PodDeletion selecting(String selector) {
    return new PodDeletion(namespace, podNames, workflowName, abandoned, selector, delayMillis);
  }

  /** This deletion carried out {@code millis} (or null: at once) after the call. */
  public PodDeletion delayed(Long millis) {
    return new PodDeletion(namespace, podNames, workflowName, abandoned, labelSelector, millis);
  }
}
