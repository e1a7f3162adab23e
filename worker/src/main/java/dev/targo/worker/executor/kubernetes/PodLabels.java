package dev.targo.worker.executor.kubernetes;

import dev.targo.api.Names;
import dev.targo.argo.PodNames;
import dev.targo.argo.pod.PodRequest;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The labels and annotations that mark a pod as one attempt of one targo node (docs/DESIGN.md §8),
 * and the check that a pod found under an attempt's name really is that attempt's, before it is
 * adopted.
 */
final class PodLabels {
  private PodLabels() {}

  /**
   * Set on a pod just before the workflow deletes it for an attempt it gave up on, so that the call
   * still waiting for the pod ends instead of creating it again (which it does for a pod deleted
   * before it started).
   */
  static final String ANNOTATION_ABANDONED = "targo.dev/abandoned";

  /**
   * How many times this attempt's pod was created again after it failed before its main container
   * ran ({@link dev.targo.argo.pod.PodRestarts}): kept on the pod, so that a worker that adopts it
   * after a crash goes on counting.
   */
  static final String ANNOTATION_FAILED_POD_RESTARTS = "targo.dev/failed-pod-restarts";

  /**
   * Labels of the attempt's pod: the workflow, a hash of the retried node (the attempt's Argo node
   * name without its {@code (n)} suffix, so all attempts of one node share it), the attempt index
   * and the managed-by label the shared informer selects on. Label values are limited to 63
   * characters, so node names, which may be longer, travel as annotations.
   */
  static Map<String, String> of(PodRequest request) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(Names.LABEL_WORKFLOW, request.workflowName());
    labels.put(Names.LABEL_NODE, PodNames.fnv32a(retriedNodeName(request)));
    labels.put(Names.LABEL_ATTEMPT, Integer.toString(request.attempt()));
    labels.put(Names.LABEL_MANAGED_BY, Names.MANAGED_BY_VALUE);
    return labels;
  }

  /** Annotations with the full Argo node name and id of the attempt. */
  static Map<String, String> annotations(PodRequest request) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(Names.ANNOTATION_NODE_NAME, request.nodeName());
    annotations.put(Names.ANNOTATION_NODE_ID, request.nodeId());
    return annotations;
  }

  /**
   * True when a pod with these labels and annotations was made for this attempt: every label of
   * {@link #of} and the node id annotation match. A pod of another workflow (or not ours at all)
   * that happens to have the name is never adopted.
   */
  static boolean belongsTo(
      Map<String, String> labels, Map<String, String> annotations, PodRequest request) {
    Map<String, String> have = labels == null ? Map.of() : labels;
    for (Map.Entry<String, String> want : of(request).entrySet()) {
      if (!want.getValue().equals(have.get(want.getKey()))) {
        return false;
      }
    }
    return annotations != null
        && request.nodeId().equals(annotations.get(Names.ANNOTATION_NODE_ID));
  }

  /** True when the workflow gave up on this pod's attempt (see {@link #ANNOTATION_ABANDONED}). */
  static boolean abandoned(Pod pod) {
    Map<String, String> annotations = pod == null ? null : pod.getMetadata().getAnnotations();
    return annotations != null && "true".equals(annotations.get(ANNOTATION_ABANDONED));
  }

  static String retriedNodeName(PodRequest request) {
    String suffix = "(" + request.attempt() + ")";
    String name = request.nodeName();
    return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
  }

  /** The restarts {@link #ANNOTATION_FAILED_POD_RESTARTS} of {@code pod} counts, 0 without it. */
  static int failedPodRestarts(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(ANNOTATION_FAILED_POD_RESTARTS);
    try {
      return value == null ? 0 : Math.max(0, Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
