package dev.targo.worker.workflow.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.PodNames;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Template-level lifecycle hooks, Argo's {@code executeTmplLifeCycleHook} ({@code
 * workflow/controller/hooks.go}, called from {@code steps.go} and {@code dag.go}), checked as
 * Argo's {@code test/e2e/hooks_test.go} checks them: each hook of a step or task runs once, as
 * {@code <node>.hooks.<name>} below the step's node, when its expression over {@code
 * steps.NAME.status} (or {@code tasks.NAME.status}) first holds; the step group and the task's
 * dependants wait for the hooks that ran; a hook's arguments may name the step's outputs.
 */
class StepHooksWorkflowTest {
  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private static final String STEPS =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: wf
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - name: step-1
              hooks:
                running:
                  expression: steps["step-1"].status == "Running"
                  template: say
                  arguments:
                    parameters: [{name: what, value: "running {{steps.step-1.status}}"}]
                succeed:
                  expression: steps["step-1"].status == "Succeeded"
                  template: say
                  arguments:
                    parameters: [{name: what, value: "succeed {{steps.step-1.outputs.result}}"}]
                failed:
                  expression: steps["step-1"].status == "Failed"
                  template: say
                  arguments:
                    parameters: [{name: what, value: "failed"}]
              template: work
          - - name: step-2
              template: after
        - name: work
          container:
            image: busybox
            command: [sh, -c, "exit CODE"]
        - name: after
          container:
            image: busybox
            command: [echo, after]
        - name: say
          inputs:
            parameters: [{name: what}]
          container:
            image: busybox
            command: [echo, "{{inputs.parameters.what}}"]
      """;

  private static final String DAG =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: wf
      spec:
        entrypoint: main
        templates:
        - name: main
          dag:
            tasks:
            - name: A
              template: work
              hooks:
                running:
                  template: say
                  expression: tasks.A.status == "Running"
                  arguments:
                    parameters: [{name: what, value: "A running"}]
                success:
                  template: say
                  expression: tasks.A.status == "Succeeded"
                  arguments:
                    parameters: [{name: what, value: "A success"}]
            - name: B
              template: after
              dependencies: [A]
              hooks:
                running:
                  template: say
                  expression: tasks.B.status == "Running"
                  arguments:
                    parameters: [{name: what, value: "B running"}]
        - name: work
          container:
            image: busybox
            command: [sh, -c, "exit CODE"]
        - name: after
          container:
            image: busybox
            command: [echo, after]
        - name: say
          inputs:
            parameters: [{name: what}]
          container:
            image: busybox
            command: [echo, "{{inputs.parameters.what}}"]
      """;

  private static WorkflowRun run(String yaml, String code) {
    Translation t = Translator.translate("hooks.yaml", yaml.replace("CODE", code));
    assertThat(t.all()).isEmpty();
    return new WorkflowRun("wf", "argo", ((Translation.Ok) t).plan(), Map.of(), null);
  }

  private static NodeStatus node(WorkflowStatus status, String name) {
    return status.nodes().get(PodNames.nodeId("wf", name));
  }

  private static List<String> pods(Harness harness) {
    return harness.executor.requests().stream()
        .map(PodRequest::template)
        .map(t -> String.join(" ", t.body().container().command()))
        .toList();
  }

  private static ScriptedExecutor failing(String template) {
    return new ScriptedExecutor(
        r ->
            r.template().name().equals(template)
                ? Step.fail("node-1")
                : Step.succeed("node-1").printing("out"));
  }

  @Test
  void aStepsHooksRunOnceEachWhenTheirExpressionHoldsAndTheNextGroupWaitsForThem() {
    Harness harness = harnesses.start(failing("none"));

    WorkflowStatus status = harness.runToEnd(run(STEPS, "0"));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    NodeStatus running = node(status, "wf[0].step-1.hooks.running");
    NodeStatus succeed = node(status, "wf[0].step-1.hooks.succeed");
    assertThat(running.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(succeed.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(node(status, "wf[0].step-1.hooks.failed")).isNull();
    assertThat(node(status, "wf[0].step-1").children())
        .contains(running.id(), succeed.id())
        .doesNotContain(node(status, "wf[1].step-2").id());
    // The success hook sees the step's own outputs; the next group starts once both hooks ended.
    assertThat(pods(harness))
        .containsExactlyInAnyOrder(
            "sh -c exit 0", "echo running Running", "echo succeed out", "echo after");
    assertThat(pods(harness).getLast()).isEqualTo("echo after");
    assertThat(node(status, "wf[1].step-2").startedAt())
        .isAfterOrEqualTo(succeed.finishedAt())
        .isAfterOrEqualTo(running.finishedAt());
  }

  @Test
  void aFailedStepFiresItsFailedHookNotItsSucceededOne() {
    Harness harness = harnesses.start(failing("work"));

    WorkflowStatus status = harness.runToEnd(run(STEPS, "1"));

    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(node(status, "wf[0].step-1.hooks.failed").phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(node(status, "wf[0].step-1.hooks.running").phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(node(status, "wf[0].step-1.hooks.succeed")).isNull();
    assertThat(node(status, "wf[1].step-2")).isNull();
    assertThat(pods(harness)).doesNotContain("echo after");
  }

  @Test
  void aTasksDependantWaitsForItsHooksAndAFailedTaskFiresOnlyItsRunningHook() {
    Harness ok = harnesses.start(failing("none"));

    WorkflowStatus succeeded = ok.runToEnd(run(DAG, "0"));

    assertThat(succeeded.phase()).isEqualTo(NodePhase.Succeeded);
    NodeStatus aSuccess = node(succeeded, "wf.A.hooks.success");
    assertThat(aSuccess.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(node(succeeded, "wf.A.hooks.running").phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(node(succeeded, "wf.B.hooks.running").phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(node(succeeded, "wf.B").startedAt()).isAfterOrEqualTo(aSuccess.finishedAt());

    // Argo's TestTemplateLevelHooksDagHasDependencyVersion: A fails, B is omitted, only A's
    // running hook ran.
    Harness failed = harnesses.start(failing("work"));

    WorkflowStatus status = failed.runToEnd(run(DAG, "1"));

    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(node(status, "wf.A.hooks.running").phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(node(status, "wf.A.hooks.success")).isNull();
    assertThat(node(status, "wf.B").phase()).isEqualTo(NodePhase.Omitted);
    assertThat(node(status, "wf.B.hooks.running")).isNull();
    assertThat(pods(failed)).containsExactlyInAnyOrder("sh -c exit 1", "echo A running");
  }

  @Test
  void anExpressionThatCannotBeEvaluatedEndsItsHookInError() {
    String bad = STEPS.replace("steps[\"step-1\"].status == \"Failed\"", "steps.nope.x.y > 1");
    Harness harness = harnesses.start(failing("none"));

    WorkflowStatus status = harness.runToEnd(run(bad, "0"));

    NodeStatus hook = node(status, "wf[0].step-1.hooks.failed");
    assertThat(hook.phase()).isEqualTo(NodePhase.Error);
    assertThat(hook.message()).contains("steps.nope.x.y > 1");
    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
  }
}
