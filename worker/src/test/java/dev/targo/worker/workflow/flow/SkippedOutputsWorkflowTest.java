package dev.targo.worker.workflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.WorkflowRun;
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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A skipped task's outputs as Argo 4.1 gives them to the tasks after it ({@code
 * addSkippedNodeOutputsToScope} in {@code workflow/controller/scope.go}, {@code ProcessArgs} in
 * {@code workflow/common/util.go}, the output aggregation in {@code operator.go}); the cases of
 * Argo's {@code examples/skipped-output-defaults/}.
 */
class SkippedOutputsWorkflowTest {
  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;

  /** A DAG whose {@code producer} is skipped and whose {@code consumer} passes its output on. */
  private static String dag(String producerDefault, String consumerDefault, String dagOutput) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: skipped-
        spec:
          entrypoint: main
          templates:
          - name: main
            dag:
              tasks:
              - name: producer
                template: produce
                when: "false"
              - name: consumer
                template: consume
                depends: "producer.Succeeded || producer.Skipped"
                arguments:
                  parameters:
                  - name: in
                    value: "{{tasks.producer.outputs.parameters.msg}}"
        %s
          - name: produce
            outputs:
              parameters:
              - name: msg
                valueFrom:
                  path: /tmp/out.txt
        %s
            container:
              image: alpine:3.23
              command: [sh, -c, "echo real-value > /tmp/out.txt"]
          - name: consume
            inputs:
              parameters:
              - name: in
        %s
            container:
              image: alpine:3.23
              command: [echo, "consumer got: [{{inputs.parameters.in}}]"]
        """
        .formatted(dagOutput, producerDefault, consumerDefault);
  }

  private WorkflowStatus run(String yaml) {
    Translation t = Translator.translate("skipped.yaml", yaml);
    assertThat(t).isInstanceOf(Translation.Ok.class);
    harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));
    return harness.runToEnd(
        new WorkflowRun("skipped", "argo", ((Translation.Ok) t).plan(), Map.of(), null));
  }

  private String consumerArgs() {
    PodRequest pod = harness.executor.requests().getFirst();
    return String.join(" ", pod.template().body().container().command());
  }

  private static NodeStatus node(WorkflowStatus status, String displayName) {
    return status.nodes().values().stream()
        .filter(n -> n.displayName().equals(displayName))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void theProducersDeclaredDefaultFlowsToTheConsumer() {
    WorkflowStatus status = run(dag("          default: hello-from-producer", "", ""));

    assertThat(status.phase()).as(status.message()).isEqualTo(NodePhase.Succeeded);
    assertThat(consumerArgs()).isEqualTo("echo consumer got: [hello-from-producer]");
  }

  @Test
  void withoutAProducerDefaultTheConsumersInputDefaultApplies() {
    WorkflowStatus status = run(dag("", "        default: fallback-from-input", ""));

    assertThat(status.phase()).as(status.message()).isEqualTo(NodePhase.Succeeded);
    assertThat(consumerArgs()).isEqualTo("echo consumer got: [fallback-from-input]");
  }

  @Test
  void withNoDefaultAnywhereTheConsumerEndsInError() {
    WorkflowStatus status = run(dag("", "", ""));

    assertThat(node(status, "consumer").phase()).isEqualTo(NodePhase.Error);
    assertThat(node(status, "consumer").message())
        .isEqualTo(
            "inputs.parameters.in: argument references an absent optional (skipped/omitted node"
                + " output with no default)");
    assertThat(harness.executor.requests()).isEmpty();
  }

  @Test
  void aDagOutputFromASkippedTasksAbsentOutputTakesItsOwnDefault() {
    String outputs =
        """
            outputs:
              parameters:
              - name: result
                valueFrom:
                  parameter: "{{tasks.producer.outputs.parameters.msg}}"
                  default: dag-default
        """;
    WorkflowStatus status = run(dag("", "        default: x", outputs));

    assertThat(status.phase()).as(status.message()).isEqualTo(NodePhase.Succeeded);
    assertThat(node(status, "skipped").outputs().parameters())
        .extracting(p -> p.name() + "=" + p.value())
        .containsExactly("result=dag-default");
  }
}
