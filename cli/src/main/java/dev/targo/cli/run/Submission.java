package dev.targo.cli.run;

import dev.targo.api.Names;
import dev.targo.api.plan.WorkflowPlan;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.WorkflowRun;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.Map;

/**
 * Starts a translated workflow on Temporal: workflow id = the Argo name, the submitted YAML in the
 * memo, a static summary and outline for the Web UI.
 *
 * @param plan the translated workflow
 * @param name its name (workflow id)
 * @param namespace the Kubernetes namespace
 * @param parameters {@code -p} values
 * @param yaml the submitted text
 */
public record Submission(
    WorkflowPlan plan, String name, String namespace, Map<String, String> parameters, String yaml) {

  /** Starts the workflow and returns its untyped stub. */
  public WorkflowStub start(WorkflowClient client, String taskQueue) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(name)
            .setTaskQueue(taskQueue)
            .setMemo(Map.of(Names.MEMO_YAML, yaml))
            .setStaticSummary(PlanSummary.summary(plan))
            .setStaticDetails(PlanSummary.details(plan))
            .build();
    ArgoWorkflow workflow = client.newWorkflowStub(ArgoWorkflow.class, options);
    WorkflowClient.start(workflow::run, new WorkflowRun(name, namespace, plan, parameters, null));
    return WorkflowStub.fromTyped(workflow);
  }
}
