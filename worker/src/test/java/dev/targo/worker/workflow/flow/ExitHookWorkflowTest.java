package dev.targo.worker.workflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.PodNames;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Step and task exit hooks as Argo's {@code runOnExitNode} runs them ({@code
 * workflow/controller/exit_handler.go}, {@code steps.go}, {@code dag.go}): after the node ends, as
 * its child {@code <node>.onExit}, before the step group moves on; arguments may name the node's
 * own outputs; the hook's phase leaves the node's alone.
 */
class ExitHookWorkflowTest {
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
          - - name: hello
              template: say
              arguments: {parameters: [{name: word, value: hi}]}
              hooks:
                exit:
                  template: cleanup
                  arguments:
                    parameters:
                    - name: seen
                      value: "{{steps.hello.status}} {{steps.hello.outputs.result}}"
          - - name: after
              template: say
              arguments: {parameters: [{name: word, value: after}]}
        - name: say
          inputs: {parameters: [{name: word}]}
          container: {image: busybox, command: [echo, "{{inputs.parameters.word}}"]}
        - name: cleanup
          inputs: {parameters: [{name: seen}]}
          container: {image: busybox, command: [echo, "cleanup {{inputs.parameters.seen}}"]}
      """;

  private static final String DAG =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: wf
      spec:
        entrypoint: main
        arguments: {parameters: [{name: seen, value: from-workflow}]}
        templates:
        - name: main
          dag:
            tasks:
            - name: a
              template: say
              arguments: {parameters: [{name: word, value: fail}]}
              onExit: cleanup
        - name: say
          inputs: {parameters: [{name: word}]}
          container: {image: busybox, command: [echo, "{{inputs.parameters.word}}"]}
        - name: cleanup
          inputs: {parameters: [{name: seen}]}
          container: {image: busybox, command: [echo, "cleanup {{inputs.parameters.seen}}"]}
      """;

  private static WorkflowRun run(String yaml) {
    Translation t = Translator.translate("hooks.yaml", yaml);
    assertThat(t.all()).isEmpty();
    return new WorkflowRun("wf", "argo", ((Translation.Ok) t).plan(), Map.of(), null);
  }

  private static String word(dev.targo.argo.pod.PodRequest r) {
    return r.template().body().container().command().getLast();
  }

  @Test
  void aStepsExitHookRunsAfterItWithItsOutputsBeforeTheNextGroup() {
    Harness harness =
        harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1").printing(word(r))));

    WorkflowStatus status = harness.runToEnd(run(STEPS));

    assertThat(status.phase()).as(status.message()).isEqualTo(NodePhase.Succeeded);
    assertThat(harness.executor.requests())
        .extracting(ExitHookWorkflowTest::word)
        .containsExactly("hi", "cleanup Succeeded hi", "after");
    NodeStatus hello = status.nodes().get(PodNames.nodeId("wf", "wf[0].hello"));
    String hookId = PodNames.nodeId("wf", "wf[0].hello.onExit");
    assertThat(hello.children()).contains(hookId);
    assertThat(status.nodes().get(hookId).phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(status.nodes().get(hookId).displayName()).isEqualTo("hello.onExit");
  }

  @Test
  void aFailedTasksOnExitRunsWithTheWorkflowsArgumentsAndTheTaskStaysFailed() {
    Harness harness =
        harnesses.start(
            new ScriptedExecutor(
                r -> word(r).equals("fail") ? Step.fail("node-1") : Step.succeed("node-1")));

    WorkflowStatus status = harness.runToEnd(run(DAG));

    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(harness.executor.requests())
        .extracting(ExitHookWorkflowTest::word)
        .containsExactly("fail", "cleanup from-workflow");
    assertThat(status.nodes().get(PodNames.nodeId("wf", "wf.a")).phase())
        .isEqualTo(NodePhase.Failed);
    assertThat(status.nodes().get(PodNames.nodeId("wf", "wf.a.onExit")).phase())
        .isEqualTo(NodePhase.Succeeded);
  }

  @Test
  void aFailingHookLeavesTheStepAndTheWorkflowSucceeded() {
    Harness harness =
        harnesses.start(
            new ScriptedExecutor(
                r -> word(r).startsWith("cleanup") ? Step.fail("node-1") : Step.succeed("node-1")));

    WorkflowStatus status = harness.runToEnd(run(STEPS));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(status.nodes().get(PodNames.nodeId("wf", "wf[0].hello.onExit")).phase())
        .isEqualTo(NodePhase.Failed);
  }
}
