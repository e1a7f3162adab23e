package dev.targo.worker.workflow.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.targo.api.Names;
import dev.targo.argo.plan.Template;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.executor.local.LocalExecutor;
import dev.targo.worker.executor.local.LocalExecutorOptions;
import dev.targo.worker.support.EnvClock;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import dev.targo.worker.workflow.WorkerSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A container template's {@code timeout}, as Argo applies it (ARGO-SEMANTICS §8). */
class TemplateTimeoutWorkflowTest {
  private static final String WF = "timeout";
  private static final Duration PENDING_LONG = Duration.ofSeconds(60);

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;
  private LocalExecutor local;

  private static List<NodeStatus> attempts(WorkflowStatus status) {
    return status.nodes().values().stream().filter(n -> n.type() == NodeType.Pod).toList();
  }

  @Test
  void aPodStillPendingPastItsTimeoutFailsWithTimeoutAndIsDeleted() {
    harness =
        harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1").pendingFor(PENDING_LONG)));

    WorkflowStatus status =
        harness.runToEnd(Plans.run(WF, Plans.plan(withTimeout(Plans.container("t", null), "3s"))));

    NodeStatus pod = status.nodes().get(WF);
    assertThat(pod.phase()).isEqualTo(NodePhase.Failed);
    assertThat(pod.message()).isEqualTo("timeout");
    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(status.message()).isEqualTo("timeout");
    // Ended at the timeout, not after the minute the pod would have waited.
    assertThat(Duration.between(pod.startedAt(), pod.finishedAt()))
        .isBetween(Duration.ofSeconds(3), Duration.ofSeconds(20));
    String podName = harness.executor.requests().getFirst().podName();
    assertThat(harness.executor.events()).startsWith("cancelled " + podName, "delete " + podName);
  }

  @Test
  void aPodStillPendingPastItsPendingTimeoutFailsWithTimeoutAndTheRetryRunsTheNextAttempt() {
    harness =
        harnesses.start(
            new ScriptedExecutor(
                r ->
                    r.attempt() == 0
                        ? Step.succeed("node-1").pendingFor(PENDING_LONG)
                        : Step.succeed("node-2")));

    Template t = Plans.container("t", Plans.strategy("1", null)).withPendingTimeout("3s");
    WorkflowStatus status = harness.runToEnd(Plans.run(WF, Plans.plan(t)));

    // Argo 4.1's pendingTimeout: the first attempt ends Failed `timeout` at 3 s, the second runs.
    assertThat(attempts(status))
        .extracting(NodeStatus::phase, NodeStatus::message)
        .containsExactly(tuple(NodePhase.Failed, "timeout"), tuple(NodePhase.Succeeded, null));
    NodeStatus first = attempts(status).getFirst();
    assertThat(Duration.between(first.startedAt(), first.finishedAt()))
        .isBetween(Duration.ofSeconds(3), Duration.ofSeconds(20));
    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    // Only the time spent Pending is bounded: the pods get no deadline of it.
    assertThat(harness.executor.requests())
        .allSatisfy(r -> assertThat(r.activeDeadlineSeconds()).isNull());
  }

  @Test
  void aRetriedAttemptStillPendingPastItsTimeoutFailsAndTheNextAttemptRuns() {
    harness =
        harnesses.start(
            new ScriptedExecutor(
                r ->
                    r.attempt() == 0
                        ? Step.succeed("node-1").pendingFor(PENDING_LONG)
                        : Step.succeed("node-2")));

    WorkflowStatus status =
        harness.runToEnd(
            Plans.run(
                WF,
                Plans.plan(withTimeout(Plans.container("t", Plans.strategy("2", null)), "3s"))));

    assertThat(attempts(status))
        .extracting(NodeStatus::phase, NodeStatus::message)
        .containsExactly(tuple(NodePhase.Failed, "timeout"), tuple(NodePhase.Succeeded, null));
    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
  }

  @Test
  void everyAttemptGetsThePodDeadlineOfItsOwnTimeout() {
    harness = harnesses.start(ScriptedExecutor.failingUntil(1));

    harness.runToEnd(
        Plans.run(
            WF, Plans.plan(withTimeout(Plans.container("t", Plans.strategy("2", null)), "90s"))));

    List<PodRequest> requests = harness.executor.requests();
    assertThat(requests).extracting(PodRequest::activeDeadlineSeconds).containsExactly(89L, 89L);
    assertThat(
            Duration.between(requests.get(0).pendingDeadline(), requests.get(1).pendingDeadline()))
        .isPositive();
  }

  @Test
  void aTimeoutThatLeavesNoTimeEndsEveryAttemptErrorWithoutAPod() {
    harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));

    WorkflowStatus status =
        harness.runToEnd(
            Plans.run(
                WF,
                Plans.plan(
                    withTimeout(Plans.container("t", Plans.strategy("2", "Always")), "2s"))));

    assertThat(attempts(status))
        .extracting(NodeStatus::phase, NodeStatus::message)
        .containsExactly(
            tuple(NodePhase.Error, "timeout(0) exceeded its deadline"),
            tuple(NodePhase.Error, "timeout(1) exceeded its deadline"),
            tuple(NodePhase.Error, "timeout(2) exceeded its deadline"));
    assertThat(status.phase()).isEqualTo(NodePhase.Error);
    assertThat(status.message()).isEqualTo("No more retries left");
    assertThat(harness.executor.requests()).isEmpty();
  }

  @Test
  void aPodRunningPastItsTimeoutIsEndedByItsDeadlineOnEveryAttempt() {
    harness =
        harnesses.start(
            env -> {
              local =
                  new LocalExecutor(
                      new LocalExecutorOptions(
                          2,
                          Names.DEFAULT_HOSTNAME_LABEL,
                          null,
                          Duration.ofSeconds(1),
                          Duration.ofSeconds(1),
                          1000,
                          new EnvClock(env::currentTimeMillis)));
              return harnesses.closeAfter(local);
            },
            WorkerSettings.defaults(null));
    Template sleeper =
        withTimeout(Plans.shell("sleeper", "sleep 30", Plans.strategy("1", null)), "3s");

    WorkflowStatus status = harness.runToEnd(Plans.run(WF, Plans.plan(sleeper)));

    // Argo gives the pod the whole seconds left after its start: 2 of the 3.
    String killed = "Pod was active on the node longer than the specified deadline";
    assertThat(attempts(status))
        .extracting(NodeStatus::phase, NodeStatus::message)
        .containsExactly(tuple(NodePhase.Failed, killed), tuple(NodePhase.Failed, killed));
    assertThat(attempts(status))
        .allSatisfy(
            a ->
                assertThat(Duration.between(a.startedAt(), a.finishedAt()))
                    .isBetween(Duration.ofSeconds(2), Duration.ofSeconds(10)));
    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(status.message()).isEqualTo("No more retries left");
  }

  private static Template withTimeout(Template t, String timeout) {
    return new Template(
        t.name(),
        t.body(),
        t.inputs(),
        t.retryStrategy(),
        t.activeDeadlineSeconds(),
        timeout,
        t.nodeSelector(),
        t.affinity(),
        t.tolerations(),
        t.metadata(),
        t.podSpecPatch(),
        t.serviceAccountName(),
        t.outputs());
  }
}
