package dev.targo.worker.workflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.Names;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.PodNames;
import dev.targo.argo.memo.CacheEntry;
import dev.targo.argo.status.MemoizationStatus;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.activity.CacheStore;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code memoize} as Argo's operator runs it: the key looked up before the node runs, a hit
 * Succeeded at once with the cached outputs and no pod, a miss run and its outputs saved when it
 * succeeds, {@code maxAge} expiring entries; the cache shared by every workflow of the namespace.
 */
class MemoizeWorkflowTest {
  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  /** A script that prints its input, memoized under {@code square-<n>} for {@code maxAge}. */
  private static WorkflowRun square(String name, String n, String maxAge) {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: NAME
        spec:
          entrypoint: square
          arguments:
            parameters:
            - name: n
              value: "N"
          templates:
          - name: square
            inputs:
              parameters:
              - name: n
            memoize:
              key: "square-{{inputs.parameters.n}}"
              maxAge: MAX_AGE
              cache:
                configMap:
                  name: squares
            script:
              image: python:alpine3.23
              command: [python]
              source: print({{inputs.parameters.n}} ** 2)
        """
            .replace("NAME", name)
            .replace("MAX_AGE", maxAge)
            .replace("\"N\"", "\"" + n + "\"");
    return run(name, yaml);
  }

  private static WorkflowRun run(String name, String yaml) {
    return Plans.run(name, yaml);
  }

  private static Harness printing(HarnessExtension harnesses, String stdout) {
    return harnesses.startInRealTime(
        new ScriptedExecutor(r -> Step.succeed("node-1").printing(stdout)));
  }

  @Test
  void aSecondRunTakesTheSavedOutputsWithoutAPod() {
    Harness harness = printing(harnesses, "49");

    WorkflowStatus first = harness.runToEnd(square("first", "7", "\"10m\""));
    WorkflowStatus second = harness.runToEnd(square("second", "7", "\"10m\""));

    NodeStatus ran = first.nodes().get("first");
    assertThat(first.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(ran.type()).isEqualTo(NodeType.Pod);
    assertThat(ran.memoizationStatus())
        .isEqualTo(new MemoizationStatus(false, "square-7", "squares"));
    assertThat(ran.outputs().result()).isEqualTo("49");

    NodeStatus hit = second.nodes().get("second");
    assertThat(second.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(hit.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(hit.type()).isEqualTo(NodeType.Pod);
    assertThat(hit.memoizationStatus())
        .isEqualTo(new MemoizationStatus(true, "square-7", "squares"));
    assertThat(hit.outputs()).isEqualTo(ran.outputs());
    assertThat(hit.inputs()).isNotNull();
    assertThat(hit.podName()).isNull();
    assertThat(hit.hostNodeName()).isNull();
    assertThat(hit.startedAt()).isEqualTo(hit.finishedAt());
    assertThat(second.progress()).isEqualTo("1/1");
    // One pod in all: the second workflow's node came from the cache.
    assertThat(harness.executor.requests()).hasSize(1);

    // The entry, as Argo keeps it in its cache ConfigMap: the node that produced it, its outputs.
    CacheEntry entry =
        new CacheStore(harness.client(), Names.TASK_QUEUE).load("squares", "square-7");
    assertThat(entry.nodeID()).isEqualTo("first");
    assertThat(entry.outputs()).isEqualTo(ran.outputs());
    assertThat(entry.creationTimestamp()).isEqualTo(entry.lastHitTimestamp());
  }

  @Test
  void anEntryOlderThanMaxAgeIsNotUsedAndIsReplaced() throws Exception {
    Harness harness = printing(harnesses, "49");

    harness.runToEnd(square("early", "7", "\"3s\""));
    // More than 3s on the cache's clock: its times are whole seconds, as Argo's.
    harness.env.sleep(Duration.ofMillis(4100));
    WorkflowStatus late = harness.runToEnd(square("late", "7", "\"3s\""));
    WorkflowStatus again = harness.runToEnd(square("again", "7", "\"3s\""));

    assertThat(late.nodes().get("late").memoizationStatus().hit()).isFalse();
    assertThat(again.nodes().get("again").memoizationStatus().hit()).isTrue();
    assertThat(harness.executor.requests()).hasSize(2);
    // The newer run's entry replaced the expired one.
    assertThat(
            new CacheStore(harness.client(), Names.TASK_QUEUE).load("squares", "square-7").nodeID())
        .isEqualTo("late");
  }

  @Test
  void anEntryWithinMaxAgeIsUsedAndOtherKeysAreNot() throws Exception {
    Harness harness = printing(harnesses, "9");

    harness.runToEnd(square("three", "3", "\"1m\""));
    harness.env.sleep(Duration.ofSeconds(1));
    WorkflowStatus same = harness.runToEnd(square("same", "3", "\"1m\""));
    WorkflowStatus other = harness.runToEnd(square("other", "4", "\"1m\""));

    assertThat(same.nodes().get("same").memoizationStatus().hit()).isTrue();
    assertThat(other.nodes().get("other").memoizationStatus())
        .isEqualTo(new MemoizationStatus(false, "square-4", "squares"));
    assertThat(harness.executor.requests()).hasSize(2);
  }

  @Test
  void aFailedNodeSavesNothing() {
    Harness harness = harnesses.startInRealTime(new ScriptedExecutor(r -> Step.fail("node-1")));

    WorkflowStatus failed = harness.runToEnd(square("failing", "5", "\"1h\""));
    WorkflowStatus retried = harness.runToEnd(square("retried", "5", "\"1h\""));

    assertThat(failed.phase()).isEqualTo(NodePhase.Failed);
    assertThat(retried.nodes().get("retried").memoizationStatus().hit()).isFalse();
    assertThat(harness.executor.requests()).hasSize(2);
    assertThat(new CacheStore(harness.client(), Names.TASK_QUEUE).load("squares", "square-5"))
        .isNull();
  }

  @Test
  void aKeyTheCacheRefusesEndsTheNodeInErrorWithoutAPod() {
    Harness harness = printing(harnesses, "1");

    WorkflowStatus status = harness.runToEnd(square("spaced", "1 2", "\"1h\""));

    NodeStatus node = status.nodes().get("spaced");
    assertThat(status.phase()).isEqualTo(NodePhase.Error);
    assertThat(node.type()).isEqualTo(NodeType.Skipped);
    assertThat(node.message()).isEqualTo("invalid cache key: square-1 2");
    assertThat(harness.executor.requests()).isEmpty();
  }

  /**
   * Argo's fibonacci example in small: a memoized steps template calls itself; the same input
   * computed twice in one workflow is a hit the second time, and its outputs feed the next step.
   */
  @Test
  void aMemoizedStepsTemplateIsAHitWithinTheSameWorkflow() {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: twice
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: a
                template: cached
                arguments: {parameters: [{name: x, value: "1"}]}
            - - name: b
                template: cached
                arguments: {parameters: [{name: x, value: "1"}]}
            - - name: print
                template: echo
                arguments:
                  parameters: [{name: v, value: "{{steps.b.outputs.parameters.out}}"}]
          - name: cached
            inputs: {parameters: [{name: x}]}
            memoize:
              key: "cached-{{inputs.parameters.x}}"
              maxAge: "1h"
              cache: {configMap: {name: steps-cache}}
            steps:
            - - name: work
                template: echo
                arguments: {parameters: [{name: v, value: "{{inputs.parameters.x}}"}]}
            outputs:
              parameters:
              - name: out
                valueFrom: {parameter: "{{steps.work.outputs.result}}"}
          - name: echo
            inputs: {parameters: [{name: v}]}
            script:
              image: python:alpine3.23
              command: [python]
              source: print("{{inputs.parameters.v}}")
        """;
    Harness harness = printing(harnesses, "one");

    WorkflowStatus status = harness.runToEnd(run("twice", yaml));

    NodeStatus a = status.nodes().get(PodNames.nodeId("twice", "twice[0].a"));
    NodeStatus b = status.nodes().get(PodNames.nodeId("twice", "twice[1].b"));
    NodeStatus print = status.nodes().get(PodNames.nodeId("twice", "twice[2].print"));
    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(a.type()).isEqualTo(NodeType.Steps);
    assertThat(a.memoizationStatus().hit()).isFalse();
    assertThat(b.type()).isEqualTo(NodeType.Steps);
    assertThat(b.memoizationStatus().hit()).isTrue();
    // Nothing ran inside b (the next step group hangs below it, as below any outbound node).
    assertThat(status.nodes().values()).noneMatch(n -> n.name().startsWith("twice[1].b["));
    assertThat(b.children()).containsExactly(PodNames.nodeId("twice", "twice[2]"));
    assertThat(b.outputs().parameters().getFirst().value()).isEqualTo("one");
    assertThat(print.inputs().parameters().getFirst().value()).isEqualTo("one");
    // a's inner pod and print: b ran nothing.
    assertThat(harness.executor.requests()).hasSize(2);
  }

  @Test
  void aRetriedMemoizedPodSavesItsSucceededAttempt() {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: NAME
        spec:
          entrypoint: flaky
          templates:
          - name: flaky
            retryStrategy: {limit: 3}
            memoize:
              key: flaky
              maxAge: "1h"
              cache: {configMap: {name: flaky-cache}}
            script:
              image: python:alpine3.23
              command: [python]
              source: print("ok")
        """;
    // In real time, as every other test here: on the time-skipping server a skip can jump to a
    // pending timeout of the entry's open holder, and the entry was gone about one run in three.
    Harness harness =
        harnesses.startInRealTime(
            new ScriptedExecutor(
                r ->
                    r.attempt() < 1 ? Step.fail("node-1") : Step.succeed("node-2").printing("ok")));

    WorkflowStatus first = harness.runToEnd(run("flaky", yaml.replace("NAME", "flaky")));
    WorkflowStatus second = harness.runToEnd(run("steady", yaml.replace("NAME", "steady")));

    MemoizationStatus missed = new MemoizationStatus(false, "flaky", "flaky-cache");
    assertThat(first.nodes().get("flaky").type()).isEqualTo(NodeType.Retry);
    assertThat(first.nodes().get("flaky").memoizationStatus()).isEqualTo(missed);
    assertThat(first.nodes().get(PodNames.nodeId("flaky", "flaky(1)")).memoizationStatus())
        .isEqualTo(missed);
    NodeStatus hit = second.nodes().get("steady");
    assertThat(hit.type()).isEqualTo(NodeType.Pod);
    assertThat(hit.memoizationStatus().hit()).isTrue();
    assertThat(hit.outputs().result()).isEqualTo("ok");
    assertThat(harness.executor.requests()).hasSize(2);
    // The entry is still there after the hit, saved by the attempt that succeeded.
    assertThat(new CacheStore(harness.client(), Names.TASK_QUEUE).load("flaky-cache", "flaky"))
        .isNotNull()
        .satisfies(e -> assertThat(e.nodeID()).isEqualTo(PodNames.nodeId("flaky", "flaky(1)")));
  }
}
