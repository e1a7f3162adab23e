package dev.targo.cli.client;

import dev.targo.api.Names;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.WorkflowRetry;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.plan.WorkflowPlan;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.Map;

/**
 * Starts a translated workflow on Temporal: workflow id = the Argo name, the submitted YAML in the
 * memo, a static summary and outline for the Web UI, and targo's search attributes where the server
 * has them registered.
 *
 * @param plan the translated workflow
 * @param name its name (workflow id)
 * @param namespace the Kubernetes namespace, or null to let the worker's executor choose
 * @param parameters {@code -p} values
 * @param yaml the submitted text
 * @param retry the nodes the run keeps without running them: of the run of the same name it retries
 *     ({@code targo retry}), or of the workflow it resubmits ({@code targo resubmit --memoized});
 *     null for a new workflow that keeps none
 * @param rerun true when the run is a new run of an ended workflow of the same name ({@code targo
 *     retry}); false for a new workflow, whose name must be free
 */
public record Submission(
    WorkflowPlan plan,
    String name,
    String namespace,
    Map<String, String> parameters,
    String yaml,
    WorkflowRetry retry,
    boolean rerun) {

  /** A new workflow. */
  public Submission(
      WorkflowPlan plan,
      String name,
      String namespace,
      Map<String, String> parameters,
      String yaml) {
    this(plan, name, namespace, parameters, yaml, null, false);
  }

  /** The input the workflow starts with. */
  public WorkflowRun run() {
    return new WorkflowRun(name, namespace, plan, parameters, null, retry);
  }

  public static final SearchAttributeKey<String> PHASE =
      SearchAttributeKey.forKeyword(Names.SA_PHASE);
  public static final SearchAttributeKey<String> TEMPLATE =
      SearchAttributeKey.forKeyword(Names.SA_TEMPLATE);
  public static final SearchAttributeKey<String> NAMESPACE =
      SearchAttributeKey.forKeyword(Names.SA_NAMESPACE);
  public static final SearchAttributeKey<Long> ATTEMPTS =
      SearchAttributeKey.forLong(Names.SA_ATTEMPTS);

  /**
   * Starts the workflow and returns its untyped stub, with targo's search attributes when {@code
   * withSearchAttributes} (the namespace has them registered: a server refuses unknown ones). The
   * workflow upserts its phase and attempts only when it was started with them.
   */
  public WorkflowStub start(WorkflowClient client, String taskQueue, boolean withSearchAttributes) {
    return start(
        client, taskQueue, withSearchAttributes ? searchAttributes() : SearchAttributes.EMPTY);
  }

  /** Starts the workflow with search attributes where the server has them registered. */
  public WorkflowStub start(WorkflowClient client, String taskQueue) {
    boolean registered =
        SearchAttributeSupport.registered(
            client.getWorkflowServiceStubs(), client.getOptions().getNamespace());
    return start(client, taskQueue, registered);
  }

  /**
   * ArgoTemplate, ArgoNamespace (when the workflow names one; its worker sets it otherwise),
   * ArgoPhase {@code Pending} and ArgoAttempts 0.
   */
  SearchAttributes searchAttributes() {
    SearchAttributes.Builder attributes =
        SearchAttributes.newBuilder()
            .set(TEMPLATE, plan.entrypoint())
            .set(PHASE, "Pending")
            .set(ATTEMPTS, 0L);
    if (namespace != null) {
      attributes.set(NAMESPACE, namespace);
    }
    return attributes.build();
  }

  private WorkflowStub start(
      WorkflowClient client, String taskQueue, SearchAttributes searchAttributes) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(name)
            .setTaskQueue(taskQueue)
            // Argo names are unique: a finished workflow's name is not reused while Temporal
            // keeps it (its namespace's retention), as Argo keeps it until its TTL. A retry is a
            // new run of the same ended workflow (docs/DESIGN.md §22); the server still refuses
            // it while another run of the name is open.
            .setWorkflowIdReusePolicy(
                rerun
                    ? WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE
                    : WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .setMemo(Map.of(Names.MEMO_YAML, yaml))
            .setStaticSummary(PlanSummary.summary(plan))
            .setStaticDetails(PlanSummary.details(plan))
            .setTypedSearchAttributes(searchAttributes)
            .build();
    ArgoWorkflow workflow = client.newWorkflowStub(ArgoWorkflow.class, options);
    WorkflowClient.start(workflow::run, run());
    return WorkflowStub.fromTyped(workflow);
  }
}
