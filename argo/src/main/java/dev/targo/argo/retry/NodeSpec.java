package dev.targo.argo.retry;

import dev.targo.argo.plan.Template;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One node to run: any template invoked under a node name, with the variables of its scope. The
 * entrypoint is the node named after the workflow; steps, tasks and the exit handler have longer
 * names.
 *
 * @param workflowName the workflow name
 * @param namespace the namespace its pods run in
 * @param nodeName the Argo node name ({@code wf} for the entrypoint)
 * @param nodeId the Argo node id
 * @param template the template, not yet substituted
 * @param vars the {@code {{…}}} variables of the node's scope (without the per-attempt ones)
 * @param serviceAccountName the workflow's service account, used when the template names none
 * @param workflowDeadline when the workflow's {@code activeDeadlineSeconds} passes, or null
 * @param inheritedExclusions hosts a retried steps or DAG template above the node excludes ({@code
 *     nodeAntiAffinity}: hosts of failed pods of its earlier attempts), sorted
 */
public record NodeSpec(
    String workflowName,
    String namespace,
    String nodeName,
    String nodeId,
    Template template,
    SortedMap<String, String> vars,
    String serviceAccountName,
    Instant workflowDeadline,
    List<String> inheritedExclusions) {

  public NodeSpec {
    vars = Collections.unmodifiableSortedMap(new TreeMap<>(vars));
    inheritedExclusions =
        inheritedExclusions == null ? List.of() : List.copyOf(inheritedExclusions);
  }

  /**
   * True when the template has a retry strategy: a Retry node whose attempts are its children.
   * Without one the single attempt is the node itself.
   */
  public boolean retried() {
    return template.retryStrategy() != null;
  }

  /** The node name of attempt {@code n}: {@code wf(n)} under a Retry node, else the node itself. */
  public String attemptName(int n) {
    return retried() ? nodeName + "(" + n + ")" : nodeName;
  }
}
