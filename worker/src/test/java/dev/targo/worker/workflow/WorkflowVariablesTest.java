package dev.targo.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.worker.support.Plans;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
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

  private static final Instant T0 = Instant.parse("2026-03-04T05:06:07.890Z");

  @Test
  void givesWorkflowNameNamespaceUidParametersAndEntrypointInputs() {
    WorkflowPlan plan =
        Plans.plan(ENTRY, List.of(Parameter.of("n", "3"), Parameter.of("other", "x")), null);
    WorkflowRun run = new WorkflowRun("wf-abcde", "argo", plan, Map.of("n", "5"), null);

    assertThat(entrypointScope(run, "run-1"))
        .containsEntry("inputs.parameters.fixed", "42")
        .containsEntry("inputs.parameters.greeting", "hello")
        .containsEntry("inputs.parameters.n", "5")
        .containsEntry("workflow.name", "wf-abcde")
        .containsEntry("workflow.namespace", "argo")
        .containsEntry("workflow.parameters.n", "5")
        .containsEntry("workflow.parameters.other", "x")
        .containsEntry("workflow.uid", "run-1")
        .containsEntry("workflow.mainEntrypoint", "main")
        .containsEntry("workflow.serviceAccountName", "")
        .containsEntry("workflow.creationTimestamp.s", "1772600767");
  }

  @Test
  void theArgumentsAsJsonCarryTheSubmittedValuesAndAddedParametersByName() {
    WorkflowPlan plan =
        Plans.plan(
            ENTRY,
            List.of(
                new Parameter("n", "3", null, "how many", List.of("3", "5")),
                Parameter.of("keep", "<a&b>")),
            null);
    WorkflowRun run =
        new WorkflowRun("wf", "argo", plan, Map.of("n", "5", "zeta", "z", "alpha", "a"), null);

    String expected =
        "[{\"name\":\"n\",\"value\":\"5\",\"enum\":[\"3\",\"5\"],\"description\":\"how many\"},"
            + "{\"name\":\"keep\",\"value\":\"\\u003ca\\u0026b\\u003e\"},"
            + "{\"name\":\"alpha\",\"value\":\"a\"},{\"name\":\"zeta\",\"value\":\"z\"}]";
    assertThat(WorkflowVariables.globals(run, "argo", "u", T0))
        .containsEntry("workflow.parameters", expected);
  }

  @Test
  void labelsAndAnnotationsAreVariablesOneByOneAndAsJson() {
    WorkflowPlan p = Plans.plan(ENTRY);
    WorkflowPlan plan =
        new WorkflowPlan(
            p.name(),
            p.generateName(),
            p.namespace(),
            Map.of("team", "data", "app", "etl"),
            Map.of("workflows.argoproj.io/scheduled-time", "2026-03-04T05:00:00Z"),
            p.entrypoint(),
            p.arguments(),
            p.templates(),
            null,
            null,
            "runner");
    WorkflowRun run = new WorkflowRun("wf", "argo", plan, Map.of(), null);

    assertThat(WorkflowVariables.globals(run, "argo", "u", T0))
        .containsEntry("workflow.labels.team", "data")
        .containsEntry("workflow.labels", "{\"app\":\"etl\",\"team\":\"data\"}")
        .containsEntry(
            "workflow.annotations.workflows.argoproj.io/scheduled-time", "2026-03-04T05:00:00Z")
        .containsEntry("workflow.scheduledTime", "2026-03-04T05:00:00Z")
        .containsEntry("workflow.serviceAccountName", "runner");
  }

  @Test
  void aWorkflowWithoutArgumentsOrMetadataHasNullAndEmptyObjectsAsGoWritesThem() {
    WorkflowRun run = new WorkflowRun("wf", "argo", Plans.plan(ENTRY), Map.of(), null);

    assertThat(WorkflowVariables.globals(run, "argo", "u", T0))
        .containsEntry("workflow.parameters", "null")
        .containsEntry("workflow.labels", "{}")
        .containsEntry("workflow.annotations", "{}")
        .doesNotContainKey("workflow.scheduledTime")
        .doesNotContainKey("workflow.duration");
  }

  @Test
  void priorityIsAVariableOnlyWhenTheWorkflowSetsIt() {
    WorkflowPlan p = Plans.plan(ENTRY);
    WorkflowPlan withPriority =
        new WorkflowPlan(
            p.name(),
            p.generateName(),
            p.namespace(),
            p.labels(),
            p.annotations(),
            p.entrypoint(),
            p.arguments(),
            p.templates(),
            null,
            null,
            null,
            null,
            List.of(),
            null,
            -3,
            null,
            null,
            List.of());

    assertThat(
            WorkflowVariables.globals(
                new WorkflowRun("wf", "argo", withPriority, Map.of(), null), "argo", "u", T0))
        .containsEntry("workflow.priority", "-3");
    assertThat(
            WorkflowVariables.globals(
                new WorkflowRun("wf", "argo", p, Map.of(), null), "argo", "u", T0))
        .doesNotContainKey("workflow.priority");
  }

  @Test
  void workflowArgumentOverridesAnInputsOwnDefault() {
    WorkflowPlan plan = Plans.plan(ENTRY, List.of(Parameter.of("greeting", "hi")), null);
    WorkflowRun run = new WorkflowRun("wf", "argo", plan, Map.of(), null);

    assertThat(entrypointScope(run, "u"))
        .containsEntry("inputs.parameters.greeting", "hi")
        .doesNotContainKey("inputs.parameters.n");
  }

  @Test
  void theDeclaredNamespaceIsTheRunsThenThePlansElseNone() {
    WorkflowPlan plan = Plans.plan(ENTRY);

    assertThat(
            WorkflowVariables.declaredNamespace(new WorkflowRun("wf", null, plan, Map.of(), null)))
        .isNull();
    assertThat(
            WorkflowVariables.declaredNamespace(new WorkflowRun("wf", "ns", plan, Map.of(), null)))
        .isEqualTo("ns");
  }

  /** What the entrypoint's template sees: the workflow's variables and its own inputs. */
  private static SortedMap<String, String> entrypointScope(WorkflowRun run, String uid) {
    SortedMap<String, String> vars =
        WorkflowVariables.globals(run, WorkflowVariables.declaredNamespace(run), uid, T0);
    vars.putAll(WorkflowVariables.entrypointInputs(run, ENTRY));
    return vars;
  }
}
