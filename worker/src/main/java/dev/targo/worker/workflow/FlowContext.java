package dev.targo.worker.workflow;

import dev.targo.argo.flow.GlobalVariables;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.status.NodeTree;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What every node of one workflow run shares: the plan, the workflow variables, the deadline, the
 * node tree the status is built from, and a hook called after each change of it.
 *
 * @param workflowName the workflow name
 * @param namespace the namespace pods run in
 * @param plan the plan
 * @param globals the {@code workflow.*} variables
 * @param serviceAccountName the workflow's service account, or null
 * @param workflowDeadline when {@code spec.activeDeadlineSeconds} passes, or null
 * @param deadline completes at the workflow deadline (never without one)
 * @param settings worker settings (activity options)
 * @param shutdown the stop or terminate request of {@code targo stop/terminate}
 * @param tree the nodes so far
 * @param changed called after every change of {@code tree}
 */
record FlowContext(
    String workflowName,
    String namespace,
    WorkflowPlan plan,
    SortedMap<String, String> globals,
    String serviceAccountName,
    Instant workflowDeadline,
    Promise<Void> deadline,
    WorkerSettings settings,
    Shutdown shutdown,
    NodeTree tree,
    Runnable changed) {

  /**
   * The global variables plus {@code local} ones (inputs, retry variables, step outputs), with the
   * derived {@code workflow.*} variables as of now.
   */
  SortedMap<String, String> vars(SortedMap<String, String> local) {
    SortedMap<String, String> vars = new TreeMap<>(globals);
    vars.putAll(local);
    return GlobalVariables.expand(vars, now());
  }

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
