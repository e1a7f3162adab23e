package dev.targo.worker.workflow.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.api.Names;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.argo.plan.PodGc;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.RetryStrategySpec.BackoffSpec;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Histories;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.Poll;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * When the workflow gives up on a running attempt (stop, terminate, its deadline, the end of the
 * {@code maxDuration} window, its own cancellation), it deletes the attempt's pod at once, in the
 * same workflow task that cancels the attempt's call, whatever {@code podGC} says — not when the
 * call's next heartbeat reaches Temporal, up to 48 s later with the default 60 s heartbeat timeout
 * used here. The held pods below end only when they are deleted, so without the deletion these
 * tests would wait for that heartbeat and see no deletion.
 */
class AbandonedAttemptWorkflowTest {
  private static final String WF = "abandoned";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;

  @Test
  void terminateDeletesTheRunningPodAtOnceEvenWhenPodGcKeepsFailedPods() {
    ArgoWorkflow workflow = startHeld(withPodGc(Plans.plan(Plans.container("t", null, "x"))));
    Poll.until(() -> !harness.executor.requests().isEmpty());

    workflow.stop(Names.STOP_STRATEGY_TERMINATE);
    WorkflowStatus status = Harness.result(workflow);

    String pod = onlyPod();
    assertThat(harness.executor.events()).containsExactly("delete " + pod, "run " + pod);
    // The call's own result (its pod was deleted) is not the attempt's outcome.
    assertThat(status.nodes().get(WF))
        .extracting(NodeStatus::phase, NodeStatus::message)
        .containsExactly(NodePhase.Failed, "Stopped with strategy 'Terminate'");
    assertDeletionScheduledWithTheCancellation(pod);
  }

  @Test
  void deadlineDeletesTheRunningPodAtOnce() {
    ArgoWorkflow workflow = startHeld(Plans.plan(Plans.container("t", null, "x"), List.of(), 3L));

    WorkflowStatus status = Harness.result(workflow);

    String pod = onlyPod();
    assertThat(harness.executor.events()).containsExactly("delete " + pod, "run " + pod);
    assertThat(status.nodes().get(WF))
        .extracting(NodeStatus::phase, NodeStatus::message)
        .containsExactly(NodePhase.Failed, "Step exceeded its deadline");
    assertDeletionScheduledWithTheCancellation(pod);
  }

  @Test
  void windowEndDeletesThePendingAttemptsPodAndEndsTheWorkflowTwoSecondsAfterIt() {
    // The seed's shape: attempts 0 to 2 fail, attempt 3 stays Pending (no node left) until the
    // 10 s window closes.
    RetryStrategySpec strategy =
        new RetryStrategySpec("10", "Always", new BackoffSpec("1", "2", null, "10"), true, null);
    harness =
        harnesses.start(
            new ScriptedExecutor(r -> Step.fail("node-" + r.attempt()), r -> r.attempt() == 3));

    WorkflowStatus status =
        harness.runToEnd(Plans.run(WF, Plans.plan(Plans.container("t", strategy, "x"))));

    List<NodeStatus> attempts =
        status.nodes().values().stream().filter(n -> n.type() == NodeType.Pod).toList();
    String pending = harness.executor.requests().get(3).podName();
    assertThat(harness.executor.events()).endsWith("delete " + pending, "run " + pending);
    assertThat(attempts.getLast())
        .extracting(NodeStatus::phase, NodeStatus::message)
        .containsExactly(NodePhase.Failed, "Step exceeded its deadline");
    assertThat(status.message()).isEqualTo("Max duration limit exceeded");
    assertDeletionScheduledWithTheCancellation(pending);
    // Window end to workflow end: the 2 s grace after the window, then the deletion.
    Duration windowEndToEnd =
        Duration.between(attempts.getFirst().startedAt().plusSeconds(10), status.finishedAt());
    assertThat(windowEndToEnd).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
  }

  @Test
  void workflowCancellationDeletesTheRunningPodBeforeTheWorkflowEnds() {
    ArgoWorkflow workflow = startHeld(Plans.plan(Plans.container("t", null, "x")));
    Poll.until(() -> !harness.executor.requests().isEmpty());

    WorkflowStub stub = WorkflowStub.fromTyped(workflow);
    stub.cancel();

    assertThatThrownBy(() -> stub.getResult(WorkflowStatus.class))
        .isInstanceOf(WorkflowFailedException.class)
        .hasCauseInstanceOf(CanceledFailure.class);
    String pod = onlyPod();
    assertThat(harness.executor.events()).containsExactly("delete " + pod, "run " + pod);
    List<HistoryEvent> events = harness.events(WF);
    assertThat(events.getLast().getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED);
    assertThat(Histories.summaries(events, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .containsExactly("attempt 1/1 of t", "delete pod " + pod + " of an abandoned attempt");
  }

  /** A harness whose every pod runs until it is deleted; starts the workflow. */
  private ArgoWorkflow startHeld(WorkflowPlan plan) {
    harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1"), r -> true));
    return harness.start(Plans.run(WF, plan));
  }

  private String onlyPod() {
    assertThat(harness.executor.requests()).hasSize(1);
    return harness.executor.requests().stream().map(PodRequest::podName).findFirst().orElseThrow();
  }

  /**
   * The pod's deletion is scheduled right after the call's cancellation is requested, by the same
   * workflow task, and the call ends only after that.
   */
  private void assertDeletionScheduledWithTheCancellation(String pod) {
    List<HistoryEvent> events = harness.events(WF);
    int cancel = indexOf(events, EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED);
    HistoryEvent next = events.get(cancel + 1);
    assertThat(next.getEventType()).isEqualTo(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
    assertThat(Histories.summaries(List.of(next), EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .containsExactly("delete pod " + pod + " of an abandoned attempt");
    assertThat(events.subList(cancel, events.size()))
        .extracting(HistoryEvent::getEventType)
        .contains(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
  }

  private static int indexOf(List<HistoryEvent> events, EventType type) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).getEventType() == type) {
        return i;
      }
    }
    throw new AssertionError("no " + type + " in the history");
  }

  private static WorkflowPlan withPodGc(WorkflowPlan p) {
    return new WorkflowPlan(
        p.name(),
        p.generateName(),
        p.namespace(),
        p.labels(),
        p.annotations(),
        p.entrypoint(),
        p.arguments(),
        p.templates(),
        p.activeDeadlineSeconds(),
        new PodGc(PodGc.Strategy.OnPodSuccess),
        p.serviceAccountName(),
        p.onExit());
  }
}
