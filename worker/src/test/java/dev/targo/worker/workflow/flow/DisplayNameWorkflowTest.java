package dev.targo.worker.workflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A template's {@code workflows.argoproj.io/display-name} annotation as Argo's {@code
 * executeTemplate} applies it: processed with the node's inputs, set on the node that invokes the
 * template (the Retry node of a retried one, not its attempts), and an Error node, no pod, when the
 * result does not match {@code displayNameRegex}.
 */
class DisplayNameWorkflowTest {
  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  /** Argo's example loops-param-argument.yaml, with {@code os-list} and the annotation given. */
  private static WorkflowRun loops(String name, String osList, String displayName, String retry) {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: NAME
        spec:
          entrypoint: loop-param-arg-example
          arguments:
            parameters:
            - name: os-list
              value: 'OS_LIST'
          templates:
          - name: loop-param-arg-example
            inputs:
              parameters:
              - name: os-list
            steps:
            - - name: test-linux
                template: cat-os-release
                arguments:
                  parameters:
                  - name: image
                    value: "{{item.image}}"
                  - name: tag
                    value: "{{item.tag}}"
                withParam: "{{inputs.parameters.os-list}}"
          - name: cat-os-release
            annotations:
              workflows.argoproj.io/display-name: "SHOWN"
            RETRY
            inputs:
              parameters:
              - name: image
              - name: tag
            container:
              image: "{{inputs.parameters.image}}:{{inputs.parameters.tag}}"
              command: [cat]
              args: [/etc/os-release]
        """
            .replace("SHOWN", displayName)
            .replace("NAME", name)
            .replace("OS_LIST", osList)
            .replace("RETRY", retry);
    return Plans.run(name, yaml);
  }

  private static final String OS_LIST =
      "[{\"image\": \"debian\", \"tag\": \"9.1\"}, {\"image\": \"debian\", \"tag\": \"8.9\"},"
          + " {\"image\": \"alpine\", \"tag\": \"3.6\"}, {\"image\": \"ubuntu\", \"tag\": \"17.10\"}]";

  /** The display names of the nodes of {@code type}, by node name. */
  private static Map<String, String> displayNames(WorkflowStatus status, NodeType type) {
    Map<String, String> names = new TreeMap<>();
    status.nodes().values().stream()
        .filter(n -> n.type() == type)
        .forEach(n -> names.put(n.name(), n.displayName()));
    return names;
  }

  @Test
  void eachWithParamChildShowsTheNameItsInputsGiveIt() {
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));

    WorkflowStatus status =
        harness.runToEnd(
            loops(
                "loops", OS_LIST, "os-{{inputs.parameters.image}}-{{inputs.parameters.tag}}", ""));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(displayNames(status, NodeType.Pod))
        .containsExactly(
            Map.entry("loops[0].test-linux(0:image:debian,tag:9.1)", "os-debian-9.1"),
            Map.entry("loops[0].test-linux(1:image:debian,tag:8.9)", "os-debian-8.9"),
            Map.entry("loops[0].test-linux(2:image:alpine,tag:3.6)", "os-alpine-3.6"),
            Map.entry("loops[0].test-linux(3:image:ubuntu,tag:17.10)", "os-ubuntu-17.10"));
    // The nodes of the steps template keep the display names of their node names.
    assertThat(status.nodes().get("loops").displayName()).isEqualTo("loops");
    assertThat(displayNames(status, NodeType.StepGroup)).containsValue("[0]");
  }

  @Test
  void aRetriedTemplateNamesItsRetryNodeAndNotItsAttempts() {
    Harness harness = harnesses.start(ScriptedExecutor.failingUntil(1));

    WorkflowStatus status =
        harness.runToEnd(
            loops(
                "retried",
                "[{\"image\": \"alpine\", \"tag\": \"3.6\"}]",
                "os-{{inputs.parameters.image}}",
                "retryStrategy: {limit: 2}"));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(displayNames(status, NodeType.Retry).values()).containsExactly("os-alpine");
    assertThat(displayNames(status, NodeType.Pod).values())
        .containsExactly(
            "test-linux(0:image:alpine,tag:3.6)(0)", "test-linux(0:image:alpine,tag:3.6)(1)");
  }

  @Test
  void aNameTheRegexRefusesEndsItsNodeInErrorWithoutAPod() {
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));

    WorkflowStatus status =
        harness.runToEnd(
            loops(
                "invalid",
                "[{\"image\": \"alpine\", \"tag\": \"3.6\"}, {\"image\": \"debian\", \"tag\":"
                    + " \"9.1\"}]",
                "os_{{inputs.parameters.image}}",
                ""));

    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    NodeStatus[] children =
        status.nodes().values().stream()
            .filter(n -> n.name().startsWith("invalid[0].test-linux("))
            .toArray(NodeStatus[]::new);
    assertThat(children).hasSize(2);
    for (NodeStatus child : children) {
      assertThat(child.phase()).isEqualTo(NodePhase.Error);
      assertThat(child.message())
          .isEqualTo(
              "displayName must match the regex ^[a-zA-Z0-9][a-zA-Z0-9-.]{0,61}[a-zA-Z0-9]$");
      assertThat(child.displayName()).startsWith("test-linux(");
    }
    assertThat(harness.executor.requests()).isEmpty();
  }

  @Test
  void aStepsTemplateWithTheAnnotationNamesItsStepsNode() {
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));
    WorkflowRun run =
        Plans.run(
            "whole",
            """
            apiVersion: argoproj.io/v1alpha1
            kind: Workflow
            metadata:
              name: whole
            spec:
              entrypoint: main
              templates:
              - name: main
                annotations:
                  workflows.argoproj.io/display-name: "all-of-{{workflow.name}}"
                steps:
                - - {name: one, template: say}
              - name: say
                container: {image: busybox, command: [echo]}
            """);

    WorkflowStatus status = harness.runToEnd(run);

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(status.nodes().get("whole").type()).isEqualTo(NodeType.Steps);
    assertThat(status.nodes().get("whole").displayName()).isEqualTo("all-of-whole");
    assertThat(displayNames(status, NodeType.Pod).values()).containsExactly("one");
  }
}
