package dev.targo.worker.workflow.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Histories;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * targo's clusters through the workflow, on workflow time: each attempt's pod activity goes to its
 * cluster's task queue, polled by that cluster's own worker, and a retry moves to the next cluster
 * of the failover list (ARGO-SEMANTICS "targo extensions").
 */
class ClustersWorkflowTest {
  private static final String WF = "clusters";

  static final String YAML =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: clusters
      spec:
        entrypoint: train
        podGC: {strategy: OnPodCompletion}
        templates:
          - name: train
            metadata:
              annotations:
                targo.dev/clusters: "gpu-east,gpu-west"
            retryStrategy:
              limit: 2
            container:
              image: alpine:3
              command: [sh, -c, "echo train"]
      """;

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private final ScriptedExecutor main = new ScriptedExecutor(r -> Step.succeed("node-1"));
  private final ScriptedExecutor east =
      new ScriptedExecutor(r -> Step.fail("gpu-east-node-" + (r.attempt() + 1)));
  private final ScriptedExecutor west =
      new ScriptedExecutor(r -> Step.succeed("gpu-west-node-" + (r.attempt() + 1)));

  private Harness harness() {
    return harnesses.startWithClusters(main, Map.of("gpu-east", east, "gpu-west", west));
  }

  @Test
  void theFirstAttemptRunsInTheFirstClusterAndItsRetryInTheNextOne() {
    Harness harness = harness();

    WorkflowStatus status = harness.runToEnd(Plans.run(WF, YAML));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(main.requests()).isEmpty();
    assertThat(east.requests()).extracting(PodRequest::attempt).containsExactly(0);
    assertThat(west.requests()).extracting(PodRequest::attempt).containsExactly(1);
  }

  @Test
  void eachPodNodeNamesItsClusterAndItsHostThere() {
    Harness harness = harness();

    WorkflowStatus status = harness.runToEnd(Plans.run(WF, YAML));

    assertThat(
            status.nodes().values().stream()
                .filter(n -> n.type() == NodeType.Pod)
                .sorted(Comparator.comparing(NodeStatus::name))
                .map(n -> n.name() + " " + n.phase() + " " + n.cluster() + " " + n.hostNodeName())
                .toList())
        .containsExactly(
            "clusters(0) Failed gpu-east gpu-east-node-1",
            "clusters(1) Succeeded gpu-west gpu-west-node-2");
  }

  @Test
  void eachAttemptsPodIsDeletedInItsOwnCluster() {
    Harness harness = harness();

    harness.runToEnd(Plans.run(WF, YAML));

    assertThat(main.deletionsMade()).isEmpty();
    assertThat(east.deletionsMade())
        .extracting(d -> d.podNames())
        .containsExactly(List.of(east.requests().getFirst().podName()));
    assertThat(west.deletionsMade())
        .extracting(d -> d.podNames())
        .containsExactly(List.of(west.requests().getFirst().podName()));
  }

  @Test
  void theActivitiesGoToTheClustersTaskQueuesAndTheSummariesNameTheCluster() {
    Harness harness = harness();

    harness.runToEnd(Plans.run(WF, YAML));

    List<HistoryEvent> events = harness.events(WF);
    assertThat(
            events.stream()
                .filter(e -> e.hasActivityTaskScheduledEventAttributes())
                .map(e -> e.getActivityTaskScheduledEventAttributes().getTaskQueue().getName())
                .toList())
        .containsExactly("targo-gpu-east", "targo-gpu-east", "targo-gpu-west", "targo-gpu-west");
    assertThat(Histories.summaries(events, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .containsExactly(
            "attempt 1/3 of train on gpu-east",
            "delete pod clusters-train-2570040385 on gpu-east",
            "attempt 2/3 of train on gpu-west",
            "delete pod clusters-train-4247949380 on gpu-west");
  }

  @Test
  void whenEveryClusterHasFailedTheNextAttemptStartsOverAtTheHeadOfTheList() {
    ScriptedExecutor failingWest =
        new ScriptedExecutor(
            r -> r.attempt() < 3 ? Step.fail("gpu-west-node-1") : Step.succeed("gpu-west-node-1"));
    ScriptedExecutor failingEast =
        new ScriptedExecutor(
            r -> r.attempt() < 3 ? Step.fail("gpu-east-node-1") : Step.succeed("gpu-east-node-1"));
    Harness harness =
        harnesses.startWithClusters(main, Map.of("gpu-east", failingEast, "gpu-west", failingWest));

    WorkflowStatus status = harness.runToEnd(Plans.run(WF, YAML.replace("limit: 2", "limit: 3")));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(failingEast.requests()).extracting(PodRequest::attempt).containsExactly(0, 2);
    assertThat(failingWest.requests()).extracting(PodRequest::attempt).containsExactly(1, 3);
  }

  @Test
  void aStepsPodInAChildWorkflowRunsInTheWorkflowsDefaultClusterFromPodMetadata() {
    Harness harness = harness();

    WorkflowStatus status =
        harness.runToEnd(
            Plans.run(
                "steps",
                """
                apiVersion: argoproj.io/v1alpha1
                kind: Workflow
                metadata:
                  name: steps
                spec:
                  entrypoint: main
                  podMetadata:
                    annotations:
                      targo.dev/cluster: gpu-west
                  templates:
                    - name: main
                      steps:
                        - - name: work
                            template: work
                    - name: work
                      container:
                        image: alpine:3
                        command: [sh, -c, "echo work"]
                """));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(main.requests()).isEmpty();
    assertThat(east.requests()).isEmpty();
    assertThat(west.requests()).extracting(PodRequest::nodeName).containsExactly("steps[0].work");
  }
}
