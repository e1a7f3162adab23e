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
 * Workflow-level lifecycle hooks, Argo's {@code executeWfLifeCycleHook} ({@code
 * workflow/controller/hooks.go}): each hook runs once, as {@code <wf>.hooks.<name>} below the root,
 * when its expression first holds ({@code workflow.status} Running while the entrypoint runs, its
 * outcome after); {@code hooks.exit} is the exit handler, with its own arguments.
 */
class WorkflowHooksWorkflowTest {
  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private static final String HOOKED =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: wf
      spec:
        entrypoint: main
        hooks:
          exit:
            template: say
            arguments:
              parameters: [{name: what, value: "exit {{workflow.status}}"}]
          running:
            expression: workflow.status == "Running"
            template: say
            arguments:
              parameters: [{name: what, value: "running {{workflow.status}}"}]
          succeeded:
            expression: workflow.status == "Succeeded"
            template: say
            arguments:
              parameters: [{name: what, value: "succeeded"}]
          failed:
            expression: workflow.status == "Failed"
            template: say
            arguments:
              parameters: [{name: what, value: "failed"}]
        templates:
        - name: main
          steps:
          - - name: work
              template: work
        - name: work
          container:
            image: busybox
            command: [sh, -c, "exit CODE"]
        - name: say
          inputs:
            parameters: [{name: what}]
          container:
            image: busybox
            command: [echo, "{{inputs.parameters.what}}"]
      """;

  private static WorkflowRun run(String code) {
    Translation t = Translator.translate("hooks.yaml", HOOKED.replace("CODE", code));
    assertThat(t.all()).isEmpty();
    return new WorkflowRun("wf", "argo", ((Translation.Ok) t).plan(), Map.of(), null);
  }

  private static NodeStatus node(WorkflowStatus status, String name) {
    return status.nodes().get(PodNames.nodeId("wf", name));
  }

  private static List<String> said(Harness harness) {
    return harness.executor.requests().stream()
        .map(PodRequest::template)
        .filter(t -> t.name().equals("say"))
        .map(t -> String.join(" ", t.body().container().command()))
        .toList();
  }

  @Test
  void eachHookRunsOnceWhenItsExpressionHoldsAndTheExitHookLast() {
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));

    WorkflowStatus status = harness.runToEnd(run("0"));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(node(status, "wf.hooks.running").phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(node(status, "wf.hooks.succeeded").phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(node(status, "wf.hooks.failed")).isNull();
    assertThat(node(status, "wf").children())
        .contains(
            PodNames.nodeId("wf", "wf.hooks.running"), PodNames.nodeId("wf", "wf.hooks.succeeded"));
    assertThat(said(harness))
        .containsExactlyInAnyOrder("echo running Running", "echo succeeded", "echo exit Succeeded");
    assertThat(said(harness).getLast()).isEqualTo("echo exit Succeeded");
  }

  @Test
  void aFailedEntrypointFiresTheFailedHookNotTheSucceededOne() {
    Harness harness =
        harnesses.start(
            new ScriptedExecutor(
                r ->
                    r.template().name().equals("work")
                        ? Step.fail("node-1")
                        : Step.succeed("node-1")));

    WorkflowStatus status = harness.runToEnd(run("1"));

    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(node(status, "wf.hooks.failed").phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(node(status, "wf.hooks.succeeded")).isNull();
    assertThat(said(harness)).contains("echo exit Failed", "echo running Running");
  }
}
