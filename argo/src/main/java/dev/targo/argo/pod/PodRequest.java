package dev.targo.argo.pod;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.targo.argo.PodNames;
import dev.targo.argo.plan.Template;
import java.time.Instant;
import java.util.List;

/**
 * Everything an executor needs to run one attempt as a pod. The template is already substituted for
 * this attempt ({@code {{retries}}}, {@code {{pod.name}}}, inputs …). Built by {@link
 * dev.targo.argo.retry.AttemptPlanner}, or with {@link #of} and the withers.
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
 * @param pendingDeadline when the template's {@code timeout} or {@code pendingTimeout} (counted
 *     from the attempt's start, the earlier of the two) ends the attempt if its pod is still
 *     Pending: the pod is deleted and the attempt ends Failed with Argo's message {@code timeout};
 *     null without either
 * @param avoidedHosts hosts the pod should keep away from only when another host fits ({@code
 *     nodeAntiAffinity.type: Preferred}, a targo extension), sorted; left out of the payload when
 *     empty, so requests written before it read the same
 * @param topologyExclusion the topology domains of failed hosts to keep away from ({@code
 *     nodeAntiAffinity.topologyKey}, a targo extension), or null; left out of the payload when
 *     absent
 * @param relaxation how an attempt that stays Pending with excluded hosts lets them back, oldest
 *     failure first ({@code nodeAntiAffinity.relaxAfter}, a targo extension), or null; left out of
 *     the payload when absent
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
    Instant pendingDeadline,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> avoidedHosts,
    @JsonInclude(JsonInclude.Include.NON_NULL) TopologyExclusion topologyExclusion,
    @JsonInclude(JsonInclude.Include.NON_NULL) Relaxation relaxation) {

  /**
   * targo's {@code nodeAntiAffinity.relaxAfter}: a pod still unscheduled {@code after} its creation
   * (or its last relaxation) while it excludes hosts is created again without the first host of
   * {@code order}, as the same attempt.
   *
   * @param after how long a pod may stay Pending unscheduled before one excluded host is let back
   * @param order the excluded hosts, the one whose failure is oldest first
   */
  public record Relaxation(java.time.Duration after, List<String> order) {
    public Relaxation {
      order = order == null ? List.of() : List.copyOf(order);
    }
  }

  /** A request without relaxation. */
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
      Instant pendingDeadline,
      List<String> avoidedHosts,
      TopologyExclusion topologyExclusion) {
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
        pendingDeadline,
        avoidedHosts,
        topologyExclusion,
        null);
  }

  public PodRequest {
    excludedHosts = excludedHosts == null ? List.of() : List.copyOf(excludedHosts);
    avoidedHosts = avoidedHosts == null ? List.of() : List.copyOf(avoidedHosts);
  }

  /** A request that avoids no host by preference. */
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
      Instant pendingDeadline) {
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
        pendingDeadline,
        List.of(),
        null);
  }

  /**
   * Attempt {@code attempt} of {@code template} as node {@code nodeName}, with its pod named as
   * Argo names it, no exclusion, no deadline and the default service account.
   */
  public static PodRequest of(
      String workflowName, String namespace, String nodeName, int attempt, Template template) {
    return new PodRequest(
        workflowName,
        namespace,
        PodNames.nodeId(workflowName, nodeName),
        nodeName,
        attempt,
        PodNames.podName(workflowName, nodeName, template.name()),
        template,
        List.of(),
        null,
        null,
        null);
  }

  public PodRequest withTemplate(Template next) {
    return new PodRequest(
        workflowName,
        namespace,
        nodeId,
        nodeName,
        attempt,
        podName,
        next,
        excludedHosts,
        activeDeadlineSeconds,
        serviceAccountName,
        pendingDeadline,
        avoidedHosts,
        topologyExclusion,
        relaxation);
  }

  public PodRequest withExcludedHosts(List<String> hosts) {
    return new PodRequest(
        workflowName,
        namespace,
        nodeId,
        nodeName,
        attempt,
        podName,
        template,
        hosts,
        activeDeadlineSeconds,
        serviceAccountName,
        pendingDeadline,
        avoidedHosts,
        topologyExclusion,
        relaxation);
  }

  public PodRequest withActiveDeadlineSeconds(Long seconds) {
    return new PodRequest(
        workflowName,
        namespace,
        nodeId,
        nodeName,
        attempt,
        podName,
        template,
        excludedHosts,
        seconds,
        serviceAccountName,
        pendingDeadline,
        avoidedHosts,
        topologyExclusion,
        relaxation);
  }

  public PodRequest withServiceAccountName(String name) {
    return new PodRequest(
        workflowName,
        namespace,
        nodeId,
        nodeName,
        attempt,
        podName,
        template,
        excludedHosts,
        activeDeadlineSeconds,
        name,
        pendingDeadline,
        avoidedHosts,
        topologyExclusion,
        relaxation);
  }

  public PodRequest withPendingDeadline(Instant deadline) {
    return new PodRequest(
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
        deadline,
        avoidedHosts,
        topologyExclusion,
        relaxation);
  }

  public PodRequest withAvoidedHosts(List<String> hosts) {
    return new PodRequest(
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
        pendingDeadline,
        hosts,
        topologyExclusion,
        relaxation);
  }

  public PodRequest withTopologyExclusion(TopologyExclusion exclusion) {
    return new PodRequest(
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
        pendingDeadline,
        avoidedHosts,
        exclusion,
        relaxation);
  }

  /** The same request with {@code next} as its relaxation. */
  public PodRequest withRelaxation(Relaxation next) {
    return new PodRequest(
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
        pendingDeadline,
        avoidedHosts,
        topologyExclusion,
        next);
  }

  /**
   * The same attempt with the first host of its relaxation's order let back (no longer excluded),
   * or null when it has no relaxation or no excluded host left to let back.
   */
  public PodRequest relaxed() {
    if (relaxation == null) {
      return null;
    }
    for (String host : relaxation.order()) {
      if (excludedHosts.contains(host)) {
        List<String> rest = excludedHosts.stream().filter(h -> !h.equals(host)).toList();
        List<String> order = relaxation.order().stream().filter(h -> !h.equals(host)).toList();
        return withExcludedHosts(rest).withRelaxation(new Relaxation(relaxation.after(), order));
      }
    }
    return null;
  }

  /** The host {@link #relaxed()} lets back, or null. */
  public String nextRelaxedHost() {
    if (relaxation == null) {
      return null;
    }
    return relaxation.order().stream().filter(excludedHosts::contains).findFirst().orElse(null);
  }

  /**
   * The cluster this attempt's pod runs in (targo's {@link Clusters}: the template's {@code
   * targo.dev/cluster} or its failover list {@code targo.dev/clusters}), or null: the workflow's
   * own task queue. Derived from the template, so requests written before it read the same.
   */
  public String cluster() {
    return Clusters.forAttempt(Clusters.list(template.metadata().annotations()), attempt);
  }

  /**
   * Whether the template has a {@code timeout}, whose deadline Argo sets after the pod spec patch
   * (so it wins over an {@code activeDeadlineSeconds} the patch sets).
   */
  public boolean hasTimeout() {
    return template.timeout() != null && !template.timeout().isEmpty();
  }
}
