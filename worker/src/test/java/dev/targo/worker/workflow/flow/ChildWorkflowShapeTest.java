package dev.targo.worker.workflow.flow;

import static dev.targo.worker.support.FlowPlans.group;
import static dev.targo.worker.support.FlowPlans.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.NodeWorkflow;
import dev.targo.argo.PodNames;
import dev.targo.argo.plan.Template;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeTrees;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.FlowPlans;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.Poll;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each node below the root is a child workflow; the root keeps only their results. */
class ChildWorkflowShapeTest {
  private static final String WF = "wf";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;

  private static List<String> childIds(List<HistoryEvent> events) {
    return events.stream()
        .filter(
            e -> e.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED)
        .map(e -> e.getStartChildWorkflowExecutionInitiatedEventAttributes().getWorkflowId())
        .toList();
  }

  @Test
  void everyStepIsAChildWorkflowNamedAfterItsNodeAndTheRootRunsNoActivity() {
    Template outer =
        FlowPlans.steps("outer", null, group(step("a", "inner")), group(step("b", "work")));
    Template inner = FlowPlans.steps("inner", null, group(step("x", "work")));
    Template work = Plans.container("work", null, "work");
    harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));

    WorkflowStatus status = harness.runToEnd(Plans.run(WF, FlowPlans.plan(outer, inner, work)));

    List<HistoryEvent> root = harness.events(WF);
    assertThat(childIds(root)).containsExactly("wf/wf[0].a", "wf/wf[1].b");
    assertThat(childIds(harness.events("wf/wf[0].a"))).containsExactly("wf/wf[0].a[0].x");
    assertThat(root)
        .noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);
    assertThat(status.nodes()).containsKey(PodNames.nodeId(WF, "wf[0].a[0].x"));
    assertThat(status.progress()).isEqualTo("2/2");
  }

  @Test
  void aRunningChildIsAPlaceholderInTheRootAndItsOwnStatusMergesIn() {
    Template main = FlowPlans.steps("main", null, group(step("long", "work")));
    Template work = Plans.container("work", null, "work");
    harness =
        harnesses.start(
            new ScriptedExecutor(r -> Step.succeed("node-1").runningFor(Duration.ofSeconds(4))));
    ArgoWorkflow workflow = harness.start(Plans.run(WF, FlowPlans.plan(main, work)));
    Poll.until(() -> !harness.executor.requests().isEmpty());

    WorkflowStatus root = workflow.status();
    WorkflowStatus child =
        harness.client().newWorkflowStub(NodeWorkflow.class, "wf/wf[0].long").status();
    WorkflowStatus merged = NodeTrees.merge(root, List.of(child));
    Harness.result(workflow);

    String longId = PodNames.nodeId(WF, "wf[0].long");
    assertThat(root.nodes().get(longId).phase()).isEqualTo(NodePhase.Running);
    assertThat(root.nodes().get(longId).podName()).isNull();
    assertThat(merged.nodes().get(longId).type()).isEqualTo(NodeType.Pod);
    assertThat(merged.nodes().get(longId).podName())
        .isEqualTo(PodNames.podName(WF, "wf[0].long", "work"));
    assertThat(merged.nodes().get(PodNames.nodeId(WF, "wf[0]")).children()).containsExactly(longId);
    assertThat(merged.progress()).isEqualTo("0/1");
  }

  @Test
  void aStepRetriedForEverContinuesItsOwnWorkflowAsNewAndKeepsABoundedStatus() {
    Template main = FlowPlans.steps("main", null, group(step("a", "work")));
    Template work = Plans.container("work", Plans.retryForever(), "work");
    harness = harnesses.start(ScriptedExecutor.failingUntil(120));

    WorkflowStatus status = harness.runToEnd(Plans.run(WF, FlowPlans.plan(main, work)));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(harness.runs("wf/wf[0].a")).hasSize(2);
    assertThat(harness.runs(WF)).hasSize(1);
    assertThat(status.omittedNodes()).isEqualTo(21);
    assertThat(status.progress()).isEqualTo("1/121");
    assertThat(status.nodes().get(PodNames.nodeId(WF, "wf[0].a")).children()).hasSize(100);
  }
}
