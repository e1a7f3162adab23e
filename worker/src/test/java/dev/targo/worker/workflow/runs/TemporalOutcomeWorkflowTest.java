package dev.targo.worker.workflow.runs;

import static dev.targo.worker.support.FlowPlans.group;
import static dev.targo.worker.support.FlowPlans.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.argo.plan.Template;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.FlowPlans;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Histories;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What Temporal records tells Argo's outcome (docs/DESIGN.md §7): a workflow, a node's child
 * workflow and an attempt that end Failed or Error end failed in Temporal, with the Argo phase as
 * the failure's type and Argo's message; one that succeeds completes.
 */
class TemporalOutcomeWorkflowTest {
  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  @Test
  void aWorkflowWithNoRetriesLeftFailsInTemporalWithArgosPhaseAndMessage() {
    Harness harness = harnesses.start(ScriptedExecutor.failingUntil(5));
    ArgoWorkflow workflow =
        harness.start(
            Plans.run("wf", Plans.plan(Plans.container("t", Plans.strategy("1", null), "x"))));

    assertThatThrownBy(() -> WorkflowStub.fromTyped(workflow).getResult(WorkflowStatus.class))
        .isInstanceOfSatisfying(
            WorkflowFailedException.class,
            e -> {
              ApplicationFailure cause = (ApplicationFailure) e.getCause();
              assertThat(cause.getType()).isEqualTo("Failed");
              assertThat(cause.getOriginalMessage()).isEqualTo("No more retries left");
            });
    WorkflowStatus status = Harness.result(workflow);
    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(status.nodes()).hasSize(3);
    assertThat(harness.events("wf").getLast().getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED);
  }

  @Test
  void aFailedAttemptsActivityFailsWithItsMessageAndNodeAndASucceededOneCompletes() {
    Harness harness = harnesses.start(ScriptedExecutor.failingUntil(1));

    WorkflowStatus status =
        harness.runToEnd(
            Plans.run("wf", Plans.plan(Plans.container("t", Plans.strategy("1", null), "x"))));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    List<HistoryEvent> ends = Histories.attemptEnds(harness.events("wf"));
    assertThat(ends)
        .extracting(HistoryEvent::getEventType)
        .containsExactly(
            EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED,
            EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
    var failure = ends.getFirst().getActivityTaskFailedEventAttributes().getFailure();
    assertThat(failure.getMessage()).isEqualTo("main: Error (exit code 1) on node-1");
    assertThat(failure.getApplicationFailureInfo().getType()).isEqualTo("Failed");
    assertThat(failure.getApplicationFailureInfo().getNonRetryable()).isTrue();
    assertThat(harness.events("wf").getLast().getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
  }

  @Test
  void aFailedStepsChildWorkflowFailsTooAndItsParentReadsItsResult() {
    Template main =
        FlowPlans.steps(
            "main",
            null,
            group(FlowPlans.continueOnFailed(step("bad", "work"))),
            group(step("after", "work")));
    Harness harness =
        harnesses.start(
            new ScriptedExecutor(
                r -> r.nodeName().endsWith(".bad") ? Step.fail("node-2") : Step.succeed("node-1")));

    WorkflowStatus status =
        harness.runToEnd(Plans.run("wf", FlowPlans.plan(main, Plans.container("work", null, "w"))));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(harness.events("wf/wf[0].bad").getLast().getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED);
    assertThat(harness.events("wf/wf[1].after").getLast().getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    assertThat(harness.events("wf").getLast().getEventType())
        .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);
    assertThat(status.nodes().values())
        .filteredOn(n -> n.name().equals("wf[0].bad"))
        .singleElement()
        .satisfies(n -> assertThat(n.phase()).isEqualTo(NodePhase.Failed));
  }
}
