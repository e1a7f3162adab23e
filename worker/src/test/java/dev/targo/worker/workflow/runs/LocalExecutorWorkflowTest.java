package dev.targo.worker.workflow.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.Names;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.RetryStrategySpec.BackoffSpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.executor.local.LocalExecutor;
import dev.targo.worker.executor.local.LocalExecutorOptions;
import dev.targo.worker.support.EnvClock;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Histories;
import dev.targo.worker.support.Plans;
import dev.targo.worker.workflow.WorkerSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The workflow with the real {@code local} executor: processes on three simulated nodes, a template
 * that fails on attempts 0 and 1 and succeeds on 2, under {@code nodeAntiAffinity}.
 */
class LocalExecutorWorkflowTest {
  private static final String WF = "local";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;
  private LocalExecutor executor;

  private WorkflowStatus runFailingTwiceThenSucceeding() {
    startOnLocalNodes(3);
    Template template =
        Plans.shell(
            "flaky",
            "exit $(( {{retries}} < 2 ))",
            new RetryStrategySpec("10", null, new BackoffSpec("2", null, null, null), true, null));
    return harness.runToEnd(Plans.run(WF, Plans.plan(template)));
  }

  @Test
  void failsTwiceThenSucceedsOnThreeDifferentNodes() {
    WorkflowStatus status = runFailingTwiceThenSucceeding();

    List<NodeStatus> attempts = podNodes(status);
    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(attempts)
        .extracting(NodeStatus::phase)
        .containsExactly(NodePhase.Failed, NodePhase.Failed, NodePhase.Succeeded);
    assertThat(attempts.getFirst().message()).isEqualTo("main: Error (exit code 1)");
    assertThat(attempts).extracting(NodeStatus::hostNodeName).doesNotHaveDuplicates();
  }

  @Test
  void waitsTheBackoffBetweenAttempts() {
    runFailingTwiceThenSucceeding();

    assertThat(Histories.timerDurations(harness.events(WF)))
        .containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @Test
  void theMaxDurationWindowEndsAnAttemptThatNoNodeCanTakeAnyMore() {
    // Two nodes, every attempt fails: attempts 0 and 1 exclude both nodes, so attempt 2 can never
    // be scheduled. Argo would leave it Pending forever; targo ends it when the window closes.
    startOnLocalNodes(2);
    Template template =
        Plans.shell(
            "stuck",
            "exit 1",
            new RetryStrategySpec(
                "10", "Always", new BackoffSpec("1", "2", null, "8"), true, null));

    WorkflowStatus status = harness.runToEnd(Plans.run(WF, Plans.plan(template)));

    List<NodeStatus> attempts = podNodes(status);
    assertThat(attempts)
        .extracting(NodeStatus::phase, NodeStatus::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(NodePhase.Failed, "main: Error (exit code 1)"),
            org.assertj.core.groups.Tuple.tuple(NodePhase.Failed, "main: Error (exit code 1)"),
            org.assertj.core.groups.Tuple.tuple(NodePhase.Failed, "Step exceeded its deadline"));
    assertThat(attempts.get(2).hostNodeName()).isNull();
    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(status.message()).isEqualTo("Max duration limit exceeded");
  }

  @Test
  void preferredAntiAffinityRunsOnAFailedNodeOnceEveryNodeHasFailed() {
    // Two nodes, attempts 0 and 1 fail: with Argo's required exclusion attempt 2 could never be
    // scheduled; preferred, it runs on a node that failed before, and succeeds there.
    startOnLocalNodes(2);
    Template template =
        Plans.shell(
            "flaky",
            "exit $(( {{retries}} < 2 ))",
            new RetryStrategySpec("3", null, null, true, null, "Preferred"));

    WorkflowStatus status = harness.runToEnd(Plans.run(WF, Plans.plan(template)));

    List<NodeStatus> attempts = podNodes(status);
    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(attempts)
        .extracting(NodeStatus::phase, NodeStatus::hostNodeName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(NodePhase.Failed, "node-1"),
            org.assertj.core.groups.Tuple.tuple(NodePhase.Failed, "node-2"),
            org.assertj.core.groups.Tuple.tuple(NodePhase.Succeeded, "node-1"));
  }

  @Test
  void aTopologyKeyMovesTheRetryOutOfTheZoneThatFailed() {
    // Three nodes: node-1 and node-2 in zone-a, node-3 in zone-b. Attempt 0 fails on node-1;
    // excluding the host would send attempt 1 to node-2, in the same zone; excluding the zone
    // sends it to node-3.
    startOnLocalNodes(3);
    Template template =
        Plans.shell(
            "zonal",
            "exit $(( {{retries}} < 1 ))",
            new RetryStrategySpec(
                "3", null, null, true, null, null, "topology.kubernetes.io/zone"));

    WorkflowStatus status = harness.runToEnd(Plans.run(WF, Plans.plan(template)));

    List<NodeStatus> attempts = podNodes(status);
    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(attempts)
        .extracting(NodeStatus::phase, NodeStatus::hostNodeName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(NodePhase.Failed, "node-1"),
            org.assertj.core.groups.Tuple.tuple(NodePhase.Succeeded, "node-3"));
    assertThat(
            Histories.summaries(
                    harness.events(WF),
                    io.temporal.api.enums.v1.EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .stream()
                .filter(s -> s.startsWith("attempt "))
                .toList())
        .containsExactly(
            "attempt 1/4 of zonal",
            "attempt 2/4 of zonal, excluding the topology.kubernetes.io/zone of [node-1]");
  }

  /**
   * Argo keeps a pod node's {@code hostNodeName} when the workflow's deadline stops it (the node is
   * marked failed with {@code Step exceeded its deadline} where it stands, in {@code
   * workflow/controller/operator.go}): the attempt call that the workflow cancels ends with the
   * host its pod ran on.
   */
  @Test
  void aPodStoppedAtTheWorkflowsDeadlineKeepsItsHost() {
    startOnLocalNodes(1);
    Template template = Plans.shell("slow", "sleep 30", null);

    WorkflowStatus status = harness.runToEnd(Plans.run(WF, Plans.plan(template, List.of(), 3L)));

    NodeStatus pod = status.nodes().get(WF);
    assertThat(pod.phase()).isEqualTo(NodePhase.Failed);
    assertThat(pod.message()).isEqualTo("Step exceeded its deadline");
    assertThat(pod.hostNodeName()).isEqualTo("node-1");
  }

  /** A harness whose worker runs the real local executor on {@code nodes} simulated nodes. */
  private void startOnLocalNodes(int nodes) {
    harness =
        harnesses.start(
            env -> {
              executor =
                  new LocalExecutor(
                      new LocalExecutorOptions(
                          nodes,
                          Names.DEFAULT_HOSTNAME_LABEL,
                          null,
                          Duration.ofSeconds(1),
                          Duration.ofSeconds(5),
                          1000,
                          new EnvClock(env::currentTimeMillis)));
              return harnesses.closeAfter(executor);
            },
            WorkerSettings.defaults(null));
  }

  /** The workflow's Pod nodes: its attempts, in the order they ran. */
  private static List<NodeStatus> podNodes(WorkflowStatus status) {
    return status.nodes().values().stream().filter(n -> n.type() == NodeType.Pod).toList();
  }
}
