package dev.targo.worker.workflow.flow;

import static dev.targo.worker.support.FlowPlans.group;
import static dev.targo.worker.support.FlowPlans.items;
import static dev.targo.worker.support.FlowPlans.loop;
import static dev.targo.worker.support.FlowPlans.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.FlowPlans;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A steps template's {@code parallelism} and {@code failFast}, as Argo's {@code checkParallelism}
 * (workflow/controller/operator.go) applies them: at most that many children active at once, and
 * under {@code failFast: true} no child started after one failed.
 */
class ParallelismWorkflowTest {
  private static final String WF = "wf";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private static Template limited(Template t, Integer parallelism, Boolean failFast) {
    return new Template(
        t.name(),
        t.body(),
        t.inputs(),
        t.retryStrategy(),
        t.activeDeadlineSeconds(),
        t.timeout(),
        t.nodeSelector(),
        t.affinity(),
        t.tolerations(),
        t.metadata(),
        t.podSpecPatch(),
        t.serviceAccountName(),
        t.outputs(),
        parallelism,
        failFast,
        List.of());
  }

  private static String msg(PodRequest r) {
    return r.template().body().container().args().getFirst();
  }

  @Test
  void noMoreThanTheLimitOfChildrenRunAtOnce() {
    Template main =
        limited(
            FlowPlans.steps(
                "main",
                null,
                group(
                    loop(
                        step("each", "echo", Parameter.of("msg", "{{item}}")),
                        items("a", "b", "c", "d", "e")))),
            2,
            null);
    Harness harness =
        harnesses.start(
            new ScriptedExecutor(r -> Step.succeed("node-1").runningFor(Duration.ofMillis(1100))));

    WorkflowStatus status = harness.runToEnd(Plans.run(WF, FlowPlans.plan(main, FlowPlans.echo())));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    List<NodeStatus> pods =
        status.nodes().values().stream().filter(n -> n.type() == NodeType.Pod).toList();
    assertThat(pods).hasSize(5);
    assertThat(maxOverlap(pods)).isBetween(1, 2);
  }

  @Test
  void failFastStartsNoChildAfterAFailure() {
    Template main =
        limited(
            FlowPlans.steps(
                "main",
                null,
                group(
                    loop(
                        step("each", "echo", Parameter.of("msg", "{{item}}")),
                        items("ok-1", "bad", "ok-2", "ok-3")))),
            1,
            true);
    Harness harness =
        harnesses.start(
            new ScriptedExecutor(
                r -> msg(r).equals("bad") ? Step.fail("node-1") : Step.succeed("node-1")));

    WorkflowStatus status = harness.runToEnd(Plans.run(WF, FlowPlans.plan(main, FlowPlans.echo())));

    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(harness.executor.requests())
        .extracting(ParallelismWorkflowTest::msg)
        .containsExactly("ok-1", "bad");
    assertThat(status.nodes().values())
        .filteredOn(n -> n.type() == NodeType.Steps)
        .extracting(NodeStatus::message)
        .containsExactly("template has failed or errored children and failFast enabled");
  }

  /**
   * {@code spec.parallelism} bounds the workflow's active pods, across the child workflows its
   * nested steps run in (Argo's {@code woc.activePods >= *spec.Parallelism}).
   */
  @Test
  void specParallelismBoundsThePodsOfTheWholeWorkflow() {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: wf
        spec:
          entrypoint: main
          parallelism: 2
          templates:
          - name: main
            steps:
            - - name: outer
                template: inner
                withItems: [a, b, c]
          - name: inner
            steps:
            - - name: one
                template: pod
              - name: two
                template: pod
          - name: pod
            container:
              image: alpine:3.20
              command: [sh, -c, "echo hi"]
        """;
    var translation = dev.targo.translator.Translator.translate("wf.yaml", yaml);
    assertThat(translation).isInstanceOf(dev.targo.translator.Translation.Ok.class);
    Harness harness =
        harnesses.start(
            new ScriptedExecutor(r -> Step.succeed("node-1").runningFor(Duration.ofMillis(1100))));

    WorkflowStatus status =
        harness.runToEnd(Plans.run(WF, ((dev.targo.translator.Translation.Ok) translation).plan()));

    assertThat(status.phase()).as(status.message()).isEqualTo(NodePhase.Succeeded);
    List<NodeStatus> pods =
        status.nodes().values().stream().filter(n -> n.type() == NodeType.Pod).toList();
    assertThat(pods).hasSize(6);
    assertThat(maxOverlap(pods)).isBetween(1, 2);
  }

  /**
   * The most pod intervals [start, end) that share an instant. Status times are whole seconds (as
   * Argo's), truncated alike, so pods running over a second each keep a non-empty interval and pods
   * that did not overlap never seem to.
   */
  private static int maxOverlap(List<NodeStatus> pods) {
    List<Instant> starts = new ArrayList<>();
    pods.forEach(p -> starts.add(p.startedAt()));
    int most = 0;
    for (Instant at : starts) {
      int n = 0;
      for (NodeStatus p : pods) {
        if (!p.startedAt().isAfter(at) && p.finishedAt().isAfter(at)) {
          n++;
        }
      }
      most = Math.max(most, n);
    }
    return most;
  }
}
