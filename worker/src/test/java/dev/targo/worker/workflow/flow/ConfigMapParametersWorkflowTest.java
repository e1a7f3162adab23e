package dev.targo.worker.workflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.WorkflowRun;
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
 * Parameters from ConfigMaps ({@code valueFrom.configMapKeyRef}, Argo's {@code setGlobalParameters}
 * and {@code substituteAndGetConfigMapValue}): read once when the workflow starts, in its
 * namespace; the cases of Argo's {@code arguments-parameters-from-configmap.yaml} and {@code
 * global-parameters-from-configmap*.yaml}.
 */
class ConfigMapParametersWorkflowTest {
  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;

  private static final String YAML =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: from-configmap
      spec:
        entrypoint: main
        arguments:
          parameters:
          - name: global
            valueFrom:
              configMapKeyRef: {name: simple-parameters, key: msg}
        templates:
        - name: main
          steps:
          - - name: print
              template: print
        - name: print
          inputs:
            parameters:
            - name: message
              valueFrom:
                configMapKeyRef: {name: simple-parameters, key: %s}
                %s
          container:
            image: busybox
            command: [echo, "{{workflow.parameters.global}} {{inputs.parameters.message}}"]
      """;

  private WorkflowStatus run(String inputKey, String inputDefault, ScriptedExecutor executor) {
    Translation t = Translator.translate("cm.yaml", YAML.formatted(inputKey, inputDefault));
    assertThat(t.all()).isEmpty();
    harness = harnesses.start(executor);
    return harness.runToEnd(
        new WorkflowRun("from-configmap", "argo", ((Translation.Ok) t).plan(), Map.of(), null));
  }

  private static ScriptedExecutor withConfigMap() {
    return new ScriptedExecutor(r -> Step.succeed("node-1"))
        .withConfigMap("argo", "simple-parameters", Map.of("msg", "hello", "other", "world"));
  }

  @Test
  void argumentsAndInputsTakeTheirConfigMapsValues() {
    WorkflowStatus status = run("other", "", withConfigMap());

    assertThat(status.phase()).as(status.message()).isEqualTo(NodePhase.Succeeded);
    PodRequest pod = harness.executor.requests().getFirst();
    assertThat(pod.template().body().container().command()).containsExactly("echo", "hello world");
  }

  @Test
  void aMissingKeyTakesTheValueFromsDefault() {
    WorkflowStatus status = run("absent", "default: fallback", withConfigMap());

    assertThat(status.phase()).as(status.message()).isEqualTo(NodePhase.Succeeded);
    assertThat(harness.executor.requests().getFirst().template().body().container().command())
        .containsExactly("echo", "hello fallback");
  }

  @Test
  void aMissingConfigMapEndsTheWorkflowInErrorBeforeAnythingRuns() {
    WorkflowStatus status = run("other", "", new ScriptedExecutor(r -> Step.succeed("node-1")));

    assertThat(status.phase()).isEqualTo(NodePhase.Error);
    assertThat(status.message())
        .isEqualTo(
            "failed to set global parameter global from configmap with name simple-parameters"
                + " and key msg: ConfigMap 'simple-parameters' does not exist");
    assertThat(harness.executor.requests()).isEmpty();
  }

  @Test
  void aMissingKeyOfAnInputWithoutDefaultEndsTheWorkflowInError() {
    WorkflowStatus status = run("absent", "", withConfigMap());

    assertThat(status.phase()).isEqualTo(NodePhase.Error);
    assertThat(status.message())
        .isEqualTo(
            "unable to retrieve inputs.parameters.message from ConfigMap: ConfigMap"
                + " 'simple-parameters' does not have the key 'absent'");
  }
}
