package dev.targo.worker.workflow.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import dev.targo.worker.executor.local.LocalExecutor;
import dev.targo.worker.executor.local.LocalExecutorOptions;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.workflow.WorkerSettings;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code containerSet} in a DAG on the local executor, its status as Argo's controller makes it:
 * a Container node per container below the Pod node, the task after the set below the set's last
 * containers, the pod failing with the first failing container's message.
 */
@Timeout(120)
class ContainerSetWorkflowTest {
  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();
  @TempDir Path dir;

  private static final String YAML =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: NAME
      spec:
        entrypoint: main
        templates:
        - name: main
          dag:
            tasks:
            - {name: set, template: set}
            - name: after
              template: echo
              dependencies: [set]
              arguments: {parameters: [{name: x, value: "{{tasks.set.outputs.result}}"}]}
        - name: set
          containerSet:
            containers:
            - {name: a, image: busybox, command: [sh, -c, "echo a"]}
            - {name: b, image: busybox, command: [sh, -c, "B_CMD"], dependencies: [a]}
            - {name: c, image: busybox, command: [sh, -c, "echo c"], dependencies: [a]}
            - {name: main, image: busybox, command: [sh, -c, "echo done"], dependencies: [b, c]}
        - name: echo
          inputs: {parameters: [{name: x}]}
          container: {image: busybox, command: [echo, "{{inputs.parameters.x}}"]}
      """;

  private WorkflowStatus run(String name, String b) {
    LocalExecutor executor =
        harnesses.closeAfter(
            new LocalExecutor(LocalExecutorOptions.defaults().withStateDir(dir.resolve(name))));
    Harness harness = harnesses.start(env -> executor, WorkerSettings.defaults(null));
    Translation t =
        Translator.translate(name + ".yaml", YAML.replace("NAME", name).replace("B_CMD", b));
    assertThat(t.all()).isEmpty();
    return harness.runToEnd(
        new WorkflowRun(name, "argo", ((Translation.Ok) t).plan(), Map.of(), null));
  }

  private static NodeStatus node(WorkflowStatus status, String name) {
    return status.nodes().values().stream()
        .filter(n -> n.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no node " + name + " in " + status.nodes()));
  }

  private static String id(WorkflowStatus status, String name) {
    return node(status, name).id();
  }

  @Test
  void containerNodesHangBelowThePodAndTheNextTaskBelowTheLastContainer() {
    WorkflowStatus status = run("graph", "echo b");

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    NodeStatus pod = node(status, "graph.set");
    assertThat(pod.type()).isEqualTo(NodeType.Pod);
    assertThat(pod.children()).containsExactly(id(status, "graph.set.a"));
    assertThat(node(status, "graph.set.a").children())
        .containsExactly(id(status, "graph.set.b"), id(status, "graph.set.c"));
    NodeStatus main = node(status, "graph.set.main");
    assertThat(main.type()).isEqualTo(NodeType.Container);
    assertThat(main.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(main.boundaryID()).isEqualTo(pod.id());
    assertThat(main.children()).containsExactly(id(status, "graph.after"));
    // The set's result is main's output, passed on to the next task.
    assertThat(pod.outputs().result()).isEqualTo("done");
    assertThat(node(status, "graph.after").inputs().parameters().getFirst().value())
        .isEqualTo("done");
    // Two pods and four containers, as Argo counts them.
    assertThat(status.progress()).isEqualTo("6/6");
  }

  @Test
  void aFailingContainerFailsThePodAndErrorsWhatDependsOnIt() {
    WorkflowStatus status = run("failing", "exit 3");

    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    NodeStatus pod = node(status, "failing.set");
    assertThat(pod.phase()).isEqualTo(NodePhase.Failed);
    assertThat(pod.message()).isEqualTo("b: Error (exit code 3)");
    assertThat(node(status, "failing.set.b").message()).isEqualTo("b: Error (exit code 3): ");
    assertThat(node(status, "failing.set.c").phase()).isEqualTo(NodePhase.Succeeded);
    NodeStatus main = node(status, "failing.set.main");
    assertThat(main.phase()).isEqualTo(NodePhase.Error);
    assertThat(main.message())
        .isEqualTo("main: Error (exit code 64): dependency \"b\" exited with non-zero code: 3");
    assertThat(node(status, "failing.after").phase()).isEqualTo(NodePhase.Omitted);
  }
}
