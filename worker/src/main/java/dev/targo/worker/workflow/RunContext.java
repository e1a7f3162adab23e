package dev.targo.worker.workflow;

import dev.targo.argo.PodNames;
import dev.targo.argo.flow.GlobalVariables;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.retry.NodeSpec;
import dev.targo.argo.status.NodeTree;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What every node of one workflow run shares: the plan, the workflow variables, the deadline, the
 * shutdown request, the node tree the status is built from, and a hook called after each change of
 * it. One per run of {@link ArgoWorkflowImpl} or {@link NodeWorkflowImpl} (the exit handler gets a
 * copy with its own variables).
 *
 * @param workflowName the workflow name
 * @param namespace the namespace pods run in
 * @param plan the plan
 * @param globals the {@code workflow.*} variables
 * @param workflowDeadline when {@code spec.activeDeadlineSeconds} passes, or null
 * @param deadline completes at the workflow deadline (never without one)
 * @param settings worker settings (activity options)
 * @param shutdown the stop or terminate request of {@code targo stop/terminate}
 * @param tree the nodes so far
 * @param changed called after every change of {@code tree}
 * @param locks the run's locks of {@code synchronization} and {@code spec.parallelism}
 * @param suspensions the resumes and node updates of suspend nodes received so far
 * @param retained the nodes of a retried workflow that are taken as they were instead of running
 * @param daemons the run's daemons: the one it runs, and its daemoned children
 */
record RunContext(
    String workflowName,
    String namespace,
    WorkflowPlan plan,
    SortedMap<String, String> globals,
    Instant workflowDeadline,
    Promise<Void> deadline,
    WorkerSettings settings,
    Shutdown shutdown,
    NodeTree tree,
    Runnable changed,
    Locks locks,
    Suspensions suspensions,
    RetainedNodes retained,
    Daemons daemons) {

  /**
   * The global variables plus {@code local} ones (inputs, step outputs), with the derived {@code
   * workflow.*} variables as of now.
   */
  SortedMap<String, String> vars(SortedMap<String, String> local) {
    SortedMap<String, String> vars = globals();
    vars.putAll(local);
    return GlobalVariables.expand(vars, now());
  }

  /**
   * {@code template} invoked as node {@code nodeName} with {@code inputs} (its {@code
   * inputs.parameters.*}), below ancestors that exclude {@code excluded}.
   */
  NodeSpec node(
      String nodeName, Template template, SortedMap<String, String> inputs, List<String> excluded) {
    return new NodeSpec(
        workflowName,
        namespace,
        nodeName,
        PodNames.nodeId(workflowName, nodeName),
        template,
        vars(inputs),
        plan.serviceAccountName(),
        workflowDeadline,
        excluded);
  }

  /**
   * The {@code workflow.*} variables as of now: the run's, with the output parameters nodes have
   * exported by {@code globalName} so far ({@code workflow.outputs.parameters.<globalName>}), as
   * Argo's global scope holds them once the node that exports one has ended.
   */
  @Override
  public SortedMap<String, String> globals() {
    SortedMap<String, String> vars = new TreeMap<>(globals);
    vars.putAll(tree.exportedVariables());
    return vars;
  }

  /** The same run with other {@code workflow.*} variables and shutdown (the exit handler's). */
  RunContext with(SortedMap<String, String> otherGlobals, Shutdown otherShutdown) {
    return new RunContext(
        workflowName,
        namespace,
        plan,
        otherGlobals,
        workflowDeadline,
        deadline,
        settings,
        otherShutdown,
        tree,
        changed,
        locks,
        suspensions,
        retained,
        daemons);
  }

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
