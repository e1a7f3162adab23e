package dev.targo.cli.run;

import dev.targo.api.Names;
import dev.targo.api.plan.WorkflowPlan;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.WorkflowRun;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowServiceException;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import java.util.Map;

/**
 * Starts a translated workflow on Temporal: workflow id = the Argo name, the submitted YAML in the
 * memo, a static summary and outline for the Web UI, and targo's search attributes where the
 * server has them registered.
 *
 * @param plan the translated workflow
 * @param name its name (workflow id)
 * @param namespace the Kubernetes namespace
 * @param parameters {@code -p} values
 * @param yaml the submitted text
 */
public record Submission(
    WorkflowPlan plan, String name, String namespace, Map<String, String> parameters, String yaml) {

  public static final SearchAttributeKey<String> PHASE = SearchAttributeKey.forKeyword(Names.SA_PHASE);
  public static final SearchAttributeKey<String> TEMPLATE =
      SearchAttributeKey.forKeyword(Names.SA_TEMPLATE);
  public static final SearchAttributeKey<String> NAMESPACE =
      SearchAttributeKey.forKeyword(Names.SA_NAMESPACE);
  public static final SearchAttributeKey<Long> ATTEMPTS =
      SearchAttributeKey.forLong(Names.SA_ATTEMPTS);

  /**
   * Starts the workflow and returns its untyped stub. The search attributes go with the start
   * request; a server that has not registered them refuses it, and the workflow is then started
   * without them (the workflow upserts its phase only when it was started with them).
   */
  public WorkflowStub start(WorkflowClient client, String taskQueue) {
    try {
      return start(client, taskQueue, searchAttributes());
    } catch (WorkflowServiceException e) {
      if (!unknownSearchAttribute(e)) {
        throw e;
      }
      return start(client, taskQueue, SearchAttributes.EMPTY);
    }
  }

  /** ArgoTemplate, ArgoNamespace, ArgoPhase {@code Pending} and ArgoAttempts 0. */
  SearchAttributes searchAttributes() {
    return SearchAttributes.newBuilder()
        .set(TEMPLATE, plan.entrypoint())
        .set(NAMESPACE, namespace)
        .set(PHASE, "Pending")
        .set(ATTEMPTS, 0L)
        .build();
  }

  private WorkflowStub start(
      WorkflowClient client, String taskQueue, SearchAttributes searchAttributes) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(name)
            .setTaskQueue(taskQueue)
            .setMemo(Map.of(Names.MEMO_YAML, yaml))
            .setStaticSummary(PlanSummary.summary(plan))
            .setStaticDetails(PlanSummary.details(plan))
            .setTypedSearchAttributes(searchAttributes)
            .build();
    ArgoWorkflow workflow = client.newWorkflowStub(ArgoWorkflow.class, options);
    WorkflowClient.start(workflow::run, new WorkflowRun(name, namespace, plan, parameters, null));
    return WorkflowStub.fromTyped(workflow);
  }

  private static boolean unknownSearchAttribute(WorkflowServiceException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StatusRuntimeException s
          && s.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
          && String.valueOf(s.getStatus().getDescription()).toLowerCase().contains("search attribute")) {
        return true;
      }
    }
    return false;
  }
}
