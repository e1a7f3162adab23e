package dev.targo.api.temporal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.targo.argo.plan.ExitHook;
import dev.targo.argo.plan.LifecycleHook;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.status.NodeStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Input of a {@link NodeWorkflow}: which template runs under which node name, in which scope.
 *
 * @param workflowName the Argo workflow's name (node ids and pod names derive from it)
 * @param namespace the namespace pods run in
 * @param plan the workflow's plan, or (since child plans are pruned) the part of it the node needs:
 *     the templates its template can reach, with that template as entrypoint
 * @param globals the {@code workflow.*} variables
 * @param nodeName the node's Argo name ({@code wf[0].step}, {@code wf.task(0:a)})
 * @param templateName the template the node runs
 * @param inputs the template's {@code inputs.parameters.*} variables
 * @param excludedHosts hosts a retried ancestor excludes ({@code nodeAntiAffinity}), sorted
 * @param workflowDeadline when {@code spec.activeDeadlineSeconds} passes, or null
 * @param continuation the retry loop's state when a retried node (container, script, steps or DAG)
 *     continues as new (its {@code startedAt} is the node's start), or null on its first run
 * @param exitHook the step's or task's exit hook, run once the node has ended, or null
 * @param hookRef how the hook's arguments name the node's own outputs: {@code steps.NAME} or {@code
 *     tasks.NAME}, or null without a hook
 * @param retainedNodes the nodes below this one that a retried workflow keeps as they were ({@link
 *     WorkflowRetry}), which it adopts instead of running them; null when there are none (left out
 *     of the JSON then, so runs recorded before it existed read the same)
 * @param hooks the step's or task's lifecycle hooks other than {@code exit}, run beside the node
 *     the first time their expression holds (left out of the JSON when empty)
 */
public record NodeRun(
    String workflowName,
    String namespace,
    WorkflowPlan plan,
    Map<String, String> globals,
    String nodeName,
    String templateName,
    Map<String, String> inputs,
    List<String> excludedHosts,
    Instant workflowDeadline,
    Continuation continuation,
    @JsonInclude(JsonInclude.Include.NON_NULL) ExitHook exitHook,
    @JsonInclude(JsonInclude.Include.NON_NULL) String hookRef,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<NodeStatus> retainedNodes,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<LifecycleHook> hooks) {

  /** A run without expression hooks. */
  public NodeRun(
      String workflowName,
      String namespace,
      WorkflowPlan plan,
      Map<String, String> globals,
      String nodeName,
      String templateName,
      Map<String, String> inputs,
      List<String> excludedHosts,
      Instant workflowDeadline,
      Continuation continuation,
      ExitHook exitHook,
      String hookRef,
      List<NodeStatus> retainedNodes) {
    this(
        workflowName,
        namespace,
        plan,
        globals,
        nodeName,
        templateName,
        inputs,
        excludedHosts,
        workflowDeadline,
        continuation,
        exitHook,
        hookRef,
        retainedNodes,
        List.of());
  }

  /** A run that keeps no node of a retried workflow. */
  public NodeRun(
      String workflowName,
      String namespace,
      WorkflowPlan plan,
      Map<String, String> globals,
      String nodeName,
      String templateName,
      Map<String, String> inputs,
      List<String> excludedHosts,
      Instant workflowDeadline,
      Continuation continuation,
      ExitHook exitHook,
      String hookRef) {
    this(
        workflowName,
        namespace,
        plan,
        globals,
        nodeName,
        templateName,
        inputs,
        excludedHosts,
        workflowDeadline,
        continuation,
        exitHook,
        hookRef,
        null);
  }

  /** A run without an exit hook. */
  public NodeRun(
      String workflowName,
      String namespace,
      WorkflowPlan plan,
      Map<String, String> globals,
      String nodeName,
      String templateName,
      Map<String, String> inputs,
      List<String> excludedHosts,
      Instant workflowDeadline,
      Continuation continuation) {
    this(
        workflowName,
        namespace,
        plan,
        globals,
        nodeName,
        templateName,
        inputs,
        excludedHosts,
        workflowDeadline,
        continuation,
        null,
        null);
  }

  public NodeRun {
    globals = globals == null ? Map.of() : new java.util.TreeMap<>(globals);
    inputs = inputs == null ? Map.of() : new java.util.TreeMap<>(inputs);
    excludedHosts = excludedHosts == null ? List.of() : List.copyOf(excludedHosts);
    retainedNodes =
        retainedNodes == null || retainedNodes.isEmpty() ? null : List.copyOf(retainedNodes);
    hooks = hooks == null ? List.of() : List.copyOf(hooks);
  }

  /** The same run, continued as new with {@code next}. */
  public NodeRun continued(Continuation next) {
    return new NodeRun(
        workflowName,
        namespace,
        plan,
        globals,
        nodeName,
        templateName,
        inputs,
        excludedHosts,
        workflowDeadline,
        next,
        exitHook,
        hookRef,
        retainedNodes,
        hooks);
  }
}
