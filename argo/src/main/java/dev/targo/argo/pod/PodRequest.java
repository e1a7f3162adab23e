package dev.targo.argo.pod;

import dev.targo.argo.plan.PodGc;
import dev.targo.argo.plan.Template;
import java.time.Instant;
import java.util.List;

/**
 * Everything an executor needs to run one attempt as a pod. The template is already substituted for
 * this attempt ({@code {{retries}}}, {@code {{pod.name}}}, inputs …).
 *
 * @param workflowName the workflow name
 * @param namespace the Kubernetes namespace
 * @param nodeId the Argo id of the attempt's Pod node
 * @param nodeName the Argo name of the attempt's Pod node ({@code wf(2)})
 * @param attempt the attempt index, from 0
 * @param podName the deterministic pod name
 * @param template the substituted template
 * @param excludedHosts hosts to keep the pod away from ({@code nodeAntiAffinity}), sorted
 * @param activeDeadlineSeconds the pod's {@code activeDeadlineSeconds} (the template's {@code
 *     timeout} or else its {@code activeDeadlineSeconds}, clamped by the workflow deadline and the
 *     {@code maxDuration} window), or null
 * @param serviceAccountName the pod's service account, or null
 * @param podGc the workflow's {@code spec.podGC}, or null for targo's default, for information: the
 *     workflow deletes pods itself ({@link PodActivities#deletePods}) once it has recorded their
 *     outcome; added last so payloads written before it still read
 * @param pendingDeadline when the template's {@code timeout} (counted from the attempt's start)
 *     ends the attempt if its pod is still Pending: the pod is deleted and the attempt ends Failed
 *     with Argo's message {@code timeout}; null without a {@code timeout}. Added last so payloads
 *     written before it still read
 */
public record PodRequest(
    String workflowName,
    String namespace,
    String nodeId,
    String nodeName,
    int attempt,
    String podName,
    Template template,
    List<String> excludedHosts,
    Long activeDeadlineSeconds,
    String serviceAccountName,
    PodGc podGc,
    Instant pendingDeadline) {

  public PodRequest {
    excludedHosts = excludedHosts == null ? List.of() : List.copyOf(excludedHosts);
  }

  /** A request without a template {@code timeout} (the form before {@code pendingDeadline}). */
  public PodRequest(
      String workflowName,
      String namespace,
      String nodeId,
      String nodeName,
      int attempt,
      String podName,
      Template template,
      List<String> excludedHosts,
      Long activeDeadlineSeconds,
      String serviceAccountName,
      PodGc podGc) {
    this(
        workflowName,
        namespace,
        nodeId,
        nodeName,
        attempt,
        podName,
        template,
        excludedHosts,
        activeDeadlineSeconds,
        serviceAccountName,
        podGc,
        null);
  }

  /** A request with targo's default pod garbage collection (the form before {@code podGc}). */
  public PodRequest(
      String workflowName,
      String namespace,
      String nodeId,
      String nodeName,
      int attempt,
      String podName,
      Template template,
      List<String> excludedHosts,
      Long activeDeadlineSeconds,
      String serviceAccountName) {
    this(
        workflowName,
        namespace,
        nodeId,
        nodeName,
        attempt,
        podName,
        template,
        excludedHosts,
        activeDeadlineSeconds,
        serviceAccountName,
        null);
  }
}
