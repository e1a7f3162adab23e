package dev.targo.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.plan.Parameter;
import dev.targo.api.plan.Template;
import dev.targo.api.plan.WorkflowPlan;
import dev.targo.api.temporal.WorkflowRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkflowVariablesTest {

  private static final Template ENTRY =
      Plans.template(
          "main",
          null,
          List.of(
              new Parameter("n", null, null, null),
              new Parameter("greeting", null, "hello", null),
              new Parameter("fixed", "42", null, null)));

  @Test
  void givesWorkflowNameNamespaceUidParametersAndEntrypointInputs() {
    WorkflowPlan plan =
        Plans.plan(ENTRY, List.of(Parameter.of("n", "3"), Parameter.of("other", "x")), null);
    WorkflowRun run = new WorkflowRun("wf-abcde", "argo", plan, Map.of("n", "5"), null);

    assertThat(WorkflowVariables.forEntrypoint(run, "run-1", ENTRY))
        .containsExactly(
            Map.entry("inputs.parameters.fixed", "42"),
            Map.entry("inputs.parameters.greeting", "hello"),
            Map.entry("inputs.parameters.n", "5"),
            Map.entry("workflow.name", "wf-abcde"),
            Map.entry("workflow.namespace", "argo"),
            Map.entry("workflow.parameters.n", "5"),
            Map.entry("workflow.parameters.other", "x"),
            Map.entry("workflow.uid", "run-1"));
  }

  @Test
  void workflowArgumentOverridesAnInputsOwnDefault() {
    WorkflowPlan plan = Plans.plan(ENTRY, List.of(Parameter.of("greeting", "hi")), null);
    WorkflowRun run = new WorkflowRun("wf", "argo", plan, Map.of(), null);

    assertThat(WorkflowVariables.forEntrypoint(run, "u", ENTRY))
        .containsEntry("inputs.parameters.greeting", "hi")
        .doesNotContainKey("inputs.parameters.n");
  }

  @Test
  void namespaceFallsBackToThePlansThenToDefault() {
    WorkflowPlan plan = Plans.plan(ENTRY);

    assertThat(WorkflowVariables.namespace(new WorkflowRun("wf", null, plan, Map.of(), null)))
        .isEqualTo("default");
    assertThat(WorkflowVariables.namespace(new WorkflowRun("wf", "ns", plan, Map.of(), null)))
        .isEqualTo("ns");
  }
}
