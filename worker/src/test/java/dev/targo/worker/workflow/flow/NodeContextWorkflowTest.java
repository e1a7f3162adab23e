package dev.targo.worker.workflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.PodNames;
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
 * A node's {@code inputs}, {@code boundaryID} and {@code outboundNodes} as Argo records them:
 * {@code initializeExecutableNode} copies the resolved template's inputs and takes the boundary of
 * the steps or DAG template it runs in ({@code workflow/controller/operator.go}); {@code
 * updateOutboundNodes} ({@code steps.go}) and {@code updateOutboundNodesForTargetTasks} ({@code
 * dag.go}) set the outbound nodes of the template node.
 */
class NodeContextWorkflowTest {
  private static final String WF = "ctx";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private static final String YAML =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        generateName: ctx-
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - name: a
              template: say
              arguments:
                parameters: [{name: msg, value: hello}]
          - - name: d
              template: diamond
        - name: diamond
          dag:
            tasks:
            - name: x
              template: say
              arguments:
                parameters: [{name: msg, value: "from x"}]
            - name: y
              template: say
              depends: x
        - name: say
          inputs:
            parameters:
            - name: msg
              default: quiet
          retryStrategy:
            limit: "1"
          container:
            image: alpine:3.23
            command: [echo, "{{inputs.parameters.msg}}"]
      """;

  private Map<String, NodeStatus> run() {
    Translation t = Translator.translate("ctx.yaml", YAML);
    assertThat(t).isInstanceOf(Translation.Ok.class);
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));
    WorkflowStatus status =
        harness.runToEnd(new WorkflowRun(WF, "argo", ((Translation.Ok) t).plan(), Map.of(), null));
    return status.nodes();
  }

  private static String id(String name) {
    return PodNames.nodeId(WF, name);
  }

  @Test
  void eachNodeNamesTheStepsOrDagNodeItRunsIn() {
    Map<String, NodeStatus> nodes = run();

    assertThat(nodes.get(WF).boundaryID()).isNull();
    assertThat(nodes.get(id("ctx[0]")).boundaryID()).isEqualTo(WF);
    assertThat(nodes.get(id("ctx[0].a")).boundaryID()).isEqualTo(WF);
    assertThat(nodes.get(id("ctx[0].a(0)")).boundaryID()).isEqualTo(WF);
    assertThat(nodes.get(id("ctx[1].d")).boundaryID()).isEqualTo(WF);
    assertThat(nodes.get(id("ctx[1].d.x")).boundaryID()).isEqualTo(id("ctx[1].d"));
    assertThat(nodes.get(id("ctx[1].d.y(0)")).boundaryID()).isEqualTo(id("ctx[1].d"));
  }

  @Test
  void stepsAndDagNodesListTheirLastNodesAsOutbound() {
    Map<String, NodeStatus> nodes = run();

    assertThat(nodes.get(id("ctx[1].d")).outboundNodes()).containsExactly(id("ctx[1].d.y(0)"));
    assertThat(nodes.get(WF).outboundNodes()).containsExactly(id("ctx[1].d.y(0)"));
    assertThat(nodes.get(id("ctx[0].a(0)")).outboundNodes()).isNull();
  }

  @Test
  void aNodeKeepsTheInputsItsTemplateRanWith() {
    Map<String, NodeStatus> nodes = run();

    assertThat(nodes.get(id("ctx[0].a")).inputs().parameters())
        .extracting(p -> p.name() + "=" + p.value() + " (default " + p.defaultValue() + ")")
        .containsExactly("msg=hello (default quiet)");
    assertThat(nodes.get(id("ctx[1].d.y(0)")).inputs().parameters())
        .extracting(p -> p.name() + "=" + p.value())
        .containsExactly("msg=quiet");
    assertThat(nodes.get(WF).inputs()).isNull();
  }
}
