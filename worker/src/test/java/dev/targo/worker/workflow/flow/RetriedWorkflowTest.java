package dev.targo.worker.workflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.PodDeletion;
import dev.targo.api.temporal.WorkflowRetry;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.PodNames;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.RetryFormulation;
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
 * A workflow retried as {@code targo retry} retries it: a new run of the same workflow id whose
 * input keeps the Succeeded nodes of the failed run ({@link RetryFormulation}), which it takes as
 * they were while the failed ones run again.
 */
class RetriedWorkflowTest {
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
          container: {image: alpine, command: [echo, made]}
        - name: take
          inputs:
            parameters:
            - name: v
          container: {image: alpine, command: [echo, "{{inputs.parameters.v}}"]}
      """;

  private static final String NESTED =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: nested
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - name: inner
              template: inner
        - name: inner
          steps:
          - - name: x
              template: make
          - - name: y
              template: make
        - name: make
          container: {image: alpine, command: [echo, made]}
      """;

  private static WorkflowRun run(String name, String yaml) {
    return Plans.run(name, yaml);
  }

  /** Every pod prints {@code made}; the first pod of node {@code failing} fails. */
  private Harness failingFirst(String failing) {
    Set<String> failed = ConcurrentHashMap.newKeySet();
    return harnesses.start(
        new ScriptedExecutor(
            r ->
                r.nodeName().equals(failing) && failed.add(r.nodeName())
                    ? Step.fail("node-1")
                    : Step.succeed("node-2").printing("made")));
  }

  /** {@code run} again with what Argo's retry keeps of {@code failed}. */
  private static WorkflowRun retried(WorkflowRun run, WorkflowStatus failed) {
    return withRetry(
        run, RetryFormulation.formulate(run.name(), failed.nodes(), null, false, Instant.now()));
  }

  /** {@code run} again, keeping what {@code f} keeps. */
  private static WorkflowRun withRetry(WorkflowRun run, RetryFormulation.Formulated f) {
    return new WorkflowRun(
        run.name(),
        run.namespace(),
        run.plan(),
        run.parameters(),
        null,
        new WorkflowRetry("uid-1", f.retained(), f.podsToDelete()));
  }

  private static List<String> ran(Harness harness) {
    return harness.executor.requests().stream().map(PodRequest::nodeName).toList();
  }

  @Test
  void aRetryKeepsTheSucceededStepAndRunsOnlyTheFailedOneAgain() {
    Harness harness = failingFirst("two-steps[1].b");
    WorkflowRun run = run("two-steps", TWO_STEPS);
    WorkflowStatus failed = harness.runToEnd(run);
    assertThat(failed.phase()).isEqualTo(NodePhase.Failed);
    String oldPodOfB = failed.nodes().get(id("two-steps", "two-steps[1].b")).podName();

    WorkflowStatus retried = harness.runToEnd(retried(run, failed));

    assertThat(retried.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(ran(harness)).containsExactly("two-steps[0].a", "two-steps[1].b", "two-steps[1].b");
    // The kept step as it was: same times, host and outputs.
    String a = id("two-steps", "two-steps[0].a");
    assertThat(retried.nodes().get(a)).isEqualTo(failed.nodes().get(a));
    // The step run again read the kept step's output.
    NodeStatus b = retried.nodes().get(id("two-steps", "two-steps[1].b"));
    assertThat(b.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(b.inputs().parameters()).extracting(Parameter::value).containsExactly("made");
    // The second group hangs below the kept step, once, as Argo hangs it below its outbound node.
    assertThat(retried.nodes().get(a).children()).containsExactly(id("two-steps", "two-steps[1]"));
    assertThat(retried.progress()).isEqualTo("2/2");
    // The failed attempt's pod was deleted before the retried run started its own.
    assertThat(harness.executor.deletionsMade())
        .extracting(PodDeletion::podNames)
        .contains(List.of(oldPodOfB));
  }

  @Test
  void aRetryKeepsTheSucceededNodesBelowAChildWorkflowThatRunsAgain() {
    Harness harness = failingFirst("nested[0].inner[1].y");
    WorkflowRun run = run("nested", NESTED);
    WorkflowStatus failed = harness.runToEnd(run);
    assertThat(failed.phase()).isEqualTo(NodePhase.Failed);

    WorkflowStatus retried = harness.runToEnd(retried(run, failed));

    assertThat(retried.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(ran(harness))
        .containsExactly("nested[0].inner[0].x", "nested[0].inner[1].y", "nested[0].inner[1].y");
    String x = id("nested", "nested[0].inner[0].x");
    assertThat(retried.nodes().get(x)).isEqualTo(failed.nodes().get(x));
  }

  @Test
  void aWorkflowWhoseRootIsKeptEndsAsItWasWithoutRunningAnything() {
    Harness harness = failingFirst("none");
    WorkflowRun run = run("two-steps", TWO_STEPS);
    WorkflowStatus succeeded = harness.runToEnd(run);
    // Nothing selected: every node is kept, as Argo keeps them.
    RetryFormulation.Formulated f =
        RetryFormulation.formulate(run.name(), succeeded.nodes(), n -> false, false, Instant.now());

    WorkflowStatus again = harness.runToEnd(withRetry(run, f));

    assertThat(again.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(again.nodes()).isEqualTo(succeeded.nodes());
    assertThat(ran(harness)).hasSize(2);
  }

  private static String id(String workflow, String nodeName) {
    return PodNames.nodeId(workflow, nodeName);
  }
}
