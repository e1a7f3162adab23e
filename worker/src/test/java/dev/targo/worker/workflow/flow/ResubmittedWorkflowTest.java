package dev.targo.worker.workflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.WorkflowRetry;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.PodNames;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.ResubmitFormulation;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A workflow resubmitted as {@code targo resubmit --memoized} resubmits it (Argo's {@code
 * FormulateResubmitWorkflow}): a new workflow, under a new name, whose input keeps the old one's
 * succeeded pods renamed to it ({@link ResubmitFormulation}), which it takes as Skipped nodes while
 * the others run.
 */
class ResubmittedWorkflowTest {
  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private static final String TWO_STEPS =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: two-steps
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - name: a
              template: make
          - - name: b
              template: take
              arguments:
                parameters:
                - name: v
                  value: "{{steps.a.outputs.result}}"
        - name: make
          retryStrategy: {limit: 2}
          container: {image: alpine, command: [echo, made]}
        - name: take
          inputs:
            parameters:
            - name: v
          container: {image: alpine, command: [echo, "{{inputs.parameters.v}}"]}
      """;

  /** Argo's {@code testdata/resubmit-dag-with-dependencies.yaml}. */
  private static final String DAG =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: dag
      spec:
        entrypoint: rand-fail-dag
        templates:
        - name: rand-fail-dag
          dag:
            tasks:
            - {name: A, template: success}
            - {name: B, template: fail, depends: A}
            - {name: C, template: success, depends: B}
            - {name: D, template: success, depends: C}
        - name: fail
          container: {image: argoproj/argosay:v2, args: [exit, "1"]}
        - name: success
          container: {image: argoproj/argosay:v2, args: [exit, "0"]}
      """;

  /** Every pod prints {@code made}; the first pod of each node in {@code failing} fails. */
  private Harness failingFirst(String... failing) {
    Set<String> failed = ConcurrentHashMap.newKeySet();
    Set<String> toFail = Set.of(failing);
    return harnesses.start(
        new ScriptedExecutor(
            r ->
                toFail.contains(r.nodeName()) && failed.add(r.nodeName())
                    ? Step.fail("node-1")
                    : Step.succeed("node-2").printing("made")));
  }

  /** Workflow {@code yaml} as {@code newName}, keeping what Argo's memoized resubmit keeps. */
  private static WorkflowRun resubmitted(
      String oldName, WorkflowStatus old, String newName, String yaml) {
    WorkflowRun run = Plans.run(newName, yaml);
    ResubmitFormulation.Formulated f =
        ResubmitFormulation.formulate(oldName, old.nodes(), newName, Instant.now());
    return new WorkflowRun(
        run.name(),
        run.namespace(),
        run.plan(),
        run.parameters(),
        null,
        new WorkflowRetry("uid-2", f.retained(), List.of()));
  }

  private static List<String> ran(Harness harness) {
    return harness.executor.requests().stream().map(PodRequest::nodeName).toList();
  }

  @Test
  void theNewWorkflowKeepsTheSucceededRetriedStepAsSkippedAndRunsTheFailedOne() {
    Harness harness = failingFirst("two-steps[0].a(0)", "two-steps[1].b");
    WorkflowStatus failed = harness.runToEnd(Plans.run("two-steps", TWO_STEPS));
    assertThat(failed.phase()).isEqualTo(NodePhase.Failed);

    WorkflowStatus again =
        harness.runToEnd(resubmitted("two-steps", failed, "two-steps-abcde", TWO_STEPS));

    assertThat(again.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(ran(harness))
        .containsExactly(
            "two-steps[0].a(0)", "two-steps[0].a(1)", "two-steps[1].b", "two-steps-abcde[1].b");
    NodeStatus step = again.nodes().get(id("two-steps-abcde", "two-steps-abcde[0].a"));
    assertThat(step.type()).isEqualTo(NodeType.Retry);
    assertThat(step.phase()).isEqualTo(NodePhase.Succeeded);
    NodeStatus attempt = again.nodes().get(id("two-steps-abcde", "two-steps-abcde[0].a(1)"));
    assertThat(attempt.type()).isEqualTo(NodeType.Skipped);
    assertThat(attempt.phase()).isEqualTo(NodePhase.Skipped);
    assertThat(attempt.message())
        .isEqualTo("original pod: " + id("two-steps", "two-steps[0].a(1)"));
    assertThat(step.children()).containsExactly(attempt.id());
    NodeStatus b = again.nodes().get(id("two-steps-abcde", "two-steps-abcde[1].b"));
    assertThat(b.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(b.inputs().parameters()).extracting(Parameter::value).containsExactly("made");
    assertThat(again.nodes().keySet()).allMatch(id -> id.startsWith("two-steps-abcde"));
  }

  /**
   * Argo's e2e {@code TestWorkflowResubmitDAGWithDependencies}: A is carried over as Skipped with
   * its original pod in the message, B fails again, C and D are omitted again; five nodes.
   */
  @Test
  void argosDagWithDependenciesKeepsAAndRunsBAgain() {
    Harness harness =
        harnesses.start(
            new ScriptedExecutor(
                r ->
                    r.nodeName().endsWith(".B")
                        ? Step.fail("node-1")
                        : Step.succeed("node-2").printing("ok")));
    WorkflowStatus failed = harness.runToEnd(Plans.run("dag", DAG));
    assertThat(failed.phase()).isEqualTo(NodePhase.Failed);

    WorkflowStatus again = harness.runToEnd(resubmitted("dag", failed, "dag-fghij", DAG));

    assertThat(again.phase()).isEqualTo(NodePhase.Failed);
    assertThat(again.nodes()).hasSize(5);
    assertThat(ran(harness)).containsExactly("dag.A", "dag.B", "dag-fghij.B");
    NodeStatus a = again.nodes().get(id("dag-fghij", "dag-fghij.A"));
    assertThat(a.type()).isEqualTo(NodeType.Skipped);
    assertThat(a.message()).contains("original pod");
    assertThat(again.nodes().get(id("dag-fghij", "dag-fghij.B")).phase())
        .isEqualTo(NodePhase.Failed);
    for (String task : List.of("dag-fghij.C", "dag-fghij.D")) {
      NodeStatus n = again.nodes().get(id("dag-fghij", task));
      assertThat(n.type()).as(task).isEqualTo(NodeType.Skipped);
      assertThat(n.message()).as(task).contains("omitted: depends condition not met");
    }
  }

  private static String id(String workflow, String nodeName) {
    return PodNames.nodeId(workflow, nodeName);
  }
}
