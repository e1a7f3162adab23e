package dev.targo.worker.workflow.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Argo's {@code synchronization} across workflows, on Temporal ({@code LockWorkflowImpl}): a mutex
 * lets one holder run at a time, a semaphore as many as its ConfigMap key says, first come first
 * served (Argo's {@code workflow/sync}); a semaphore with no limit ends the node in Error.
 */
class SynchronizationWorkflowTest {
  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private static final String WORKFLOW_MUTEX =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: NAME
      spec:
        entrypoint: main
        synchronization:
          mutexes:
          - name: shared
        templates:
        - name: main
          container:
            image: alpine:3.20
            command: [sh, -c, "echo NAME"]
      """;

  private static final String TEMPLATE_SEMAPHORE =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: fan
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - name: each
              template: limited
              withItems: [a, b, c, d, e]
        - name: limited
          synchronization:
            semaphores:
            - configMapKeyRef:
                name: my-config
                key: template
          container:
            image: alpine:3.20
            command: [sh, -c, "echo hi"]
      """;

  private static WorkflowRun run(String yaml) {
    Translation t = Translator.translate("sync.yaml", yaml);
    assertThat(t).isInstanceOf(Translation.Ok.class);
    return new WorkflowRun(
        ((Translation.Ok) t).plan().name(), "argo", ((Translation.Ok) t).plan(), Map.of(), null);
  }

  @Test
  void aWorkflowMutexLetsOneWorkflowRunAtATime() {
    Harness harness =
        harnesses.start(
            new ScriptedExecutor(r -> Step.succeed("node-1").runningFor(Duration.ofMillis(1100))));
    List<ArgoWorkflow> started = new ArrayList<>();
    for (String name : List.of("first", "second", "third")) {
      started.add(harness.start(run(WORKFLOW_MUTEX.replace("NAME", name))));
    }
    List<NodeStatus> pods = new ArrayList<>();
    for (ArgoWorkflow w : started) {
      WorkflowStatus status = Harness.result(w);
      assertThat(status.phase()).as(status.message()).isEqualTo(NodePhase.Succeeded);
      pods.addAll(status.nodes().values());
    }
    assertThat(pods).hasSize(3);
    assertThat(maxOverlap(pods)).isEqualTo(1);
  }

  @Test
  void aTemplateSemaphoreLetsItsLimitOfNodesRunAtOnce() {
    ScriptedExecutor executor =
        new ScriptedExecutor(r -> Step.succeed("node-1").runningFor(Duration.ofMillis(1100)))
            .withConfigMap("argo", "my-config", Map.of("template", "2"));
    Harness harness = harnesses.start(executor);

    WorkflowStatus status = harness.runToEnd(run(TEMPLATE_SEMAPHORE));

    assertThat(status.phase()).as(status.message()).isEqualTo(NodePhase.Succeeded);
    List<NodeStatus> pods =
        status.nodes().values().stream().filter(n -> n.type() == NodeType.Pod).toList();
    assertThat(pods).hasSize(5);
    assertThat(maxOverlap(pods)).isBetween(1, 2);
  }

  @Test
  void aSemaphoreWithoutALimitEndsItsNodeInError() {
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));

    WorkflowStatus status = harness.runToEnd(run(TEMPLATE_SEMAPHORE));

    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(harness.executor.requests()).isEmpty();
    assertThat(status.nodes().values())
        .filteredOn(n -> n.displayName().startsWith("each("))
        .extracting(NodeStatus::phase, NodeStatus::message)
        .first()
        .satisfies(
            t ->
                assertThat(t.toList())
                    .containsExactly(
                        NodePhase.Error,
                        "failed to get the limit of semaphore argo/ConfigMap/my-config/template:"
                            + " no ConfigMap my-config in namespace argo with a key template"
                            + " holding a whole number of at least 1"));
  }

  /**
   * The most node intervals [start, end) that share an instant. Status times are whole seconds (as
   * Argo's), truncated alike, so pods running over a second each keep a non-empty interval and pods
   * that did not overlap never seem to.
   */
  private static int maxOverlap(List<NodeStatus> nodes) {
    int most = 0;
    for (NodeStatus at : nodes) {
      Instant t = at.startedAt();
      int n = 0;
      for (NodeStatus p : nodes) {
        if (!p.startedAt().isAfter(t) && p.finishedAt().isAfter(t)) {
          n++;
        }
      }
      most = Math.max(most, n);
    }
    return most;
  }
}
