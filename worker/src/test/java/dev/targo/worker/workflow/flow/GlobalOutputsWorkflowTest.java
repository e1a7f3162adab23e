package dev.targo.worker.workflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
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
 * Output parameters exported by {@code globalName} (Argo's {@code addParamToGlobalScope}): seen as
 * {@code workflow.outputs.parameters.<globalName>} by templates that start after the node that
 * exports it has ended, the exit handler included; the last node to export a name wins; listed in
 * the workflow's {@code status.outputs}.
 */
public class GlobalOutputsWorkflowTest {
  private static final String WF = "globals";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  /** The workflow the tests run; {@code HistoryRecorder} records its histories. */
  public static final String YAML =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: globals
      spec:
        entrypoint: main
        onExit: exit
        templates:
        - name: main
          steps:
          - - name: first
              template: gen
              arguments: {parameters: [{name: v, value: one}]}
          - - name: early
              template: show
              arguments: {parameters: [{name: seen, value: "{{workflow.outputs.parameters.g}}"}]}
          - - name: second
              template: wrap
          - - name: use
              template: show
              arguments: {parameters: [{name: seen, value: "{{workflow.outputs.parameters.g}}"}]}
        - name: wrap
          steps:
          - - name: inner
              template: gen
              arguments: {parameters: [{name: v, value: two}]}
        - name: gen
          inputs: {parameters: [{name: v}]}
          container: {image: alpine:3.23}
          outputs:
            parameters:
            - name: out
              value: "{{inputs.parameters.v}}"
              globalName: g
        - name: show
          inputs: {parameters: [{name: seen}]}
          container: {image: alpine:3.23, args: ["{{inputs.parameters.seen}}"]}
        - name: exit
          container: {image: alpine:3.23, args: ["exit {{workflow.outputs.parameters.g}}"]}
      """;

  private static String arg(PodRequest r) {
    return String.join(" ", r.template().body().container().args());
  }

  @Test
  void laterTemplatesAndTheExitHandlerSeeTheLastExportedValueAndTheStatusListsIt() {
    Translation t = Translator.translate("globals.yaml", YAML);
    assertThat(t).isInstanceOf(Translation.Ok.class);
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));

    WorkflowStatus status =
        harness.runToEnd(new WorkflowRun(WF, "argo", ((Translation.Ok) t).plan(), Map.of(), null));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    Map<String, String> args =
        harness.executor.requests().stream()
            .collect(
                java.util.stream.Collectors.toMap(
                    PodRequest::nodeName, GlobalOutputsWorkflowTest::arg, (a, b) -> b));
    assertThat(args)
        .containsEntry("globals[1].early", "one")
        .containsEntry("globals[3].use", "two")
        .containsEntry("globals.onExit", "exit two");
    assertThat(status.outputs()).isNotNull();
    assertThat(status.outputs().parameters()).containsExactly(Parameter.of("g", "two"));
  }

  @Test
  void aWorkflowThatExportsNothingHasNoStatusOutputs() {
    String yaml =
        YAML.replace("        globalName: g\n", "")
            .replace("{{workflow.outputs.parameters.g}}", "x");
    Translation t = Translator.translate("globals.yaml", yaml);
    assertThat(t).isInstanceOf(Translation.Ok.class);
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));

    WorkflowStatus status =
        harness.runToEnd(new WorkflowRun(WF, "argo", ((Translation.Ok) t).plan(), Map.of(), null));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(status.outputs()).isNull();
  }
}
