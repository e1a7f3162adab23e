package dev.targo.worker.workflow.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.NodeUpdate;
import dev.targo.api.temporal.NodeWorkflow;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.PodNames;
import dev.targo.argo.flow.NodeNames;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Poll;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Suspend templates as Argo's {@code executeSuspend} runs them and {@code ResumeWorkflow} / {@code
 * updateSuspendedNode} ({@code workflow/util/util.go}) end them: a durable timer for {@code
 * duration}, a signal for {@code resume} and {@code node set}, supplied outputs and their defaults.
 */
class SuspendWorkflowTest {
  private static final String WF = "wf";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private static final String APPROVAL =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: wf
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - name: approve
              template: approve
          - - name: release
              template: print
              when: "{{steps.approve.outputs.parameters.answer}} == YES"
              arguments:
                parameters:
                - name: message
                  value: "{{steps.approve.outputs.parameters.answer}}"
        - name: approve
          suspend: SUSPEND
          inputs:
            parameters:
            - name: answer
              default: 'NO'
          outputs:
            parameters:
            - name: answer
              valueFrom:
                supplied: {}
        - name: print
          inputs:
            parameters:
            - name: message
          container:
            image: busybox
            command: [echo, "{{inputs.parameters.message}}"]
      """;

  private static WorkflowRun run(String yaml) {
    Translation t = Translator.translate("suspend.yaml", yaml);
    assertThat(t.all()).isEmpty();
    return new WorkflowRun(WF, "argo", ((Translation.Ok) t).plan(), Map.of(), null);
  }

  private static final String APPROVE = "wf[0].approve";

  private static NodeStatus node(WorkflowStatus status, String name) {
    return status.nodes().get(PodNames.nodeId(WF, name));
  }

  /** Waits until the suspend node runs in its child workflow, as a client sees it before resume. */
  private static void awaitSuspended(Harness harness) {
    NodeWorkflow child =
        harness.client().newWorkflowStub(NodeWorkflow.class, NodeNames.workflowId(WF, APPROVE));
    Poll.until(
        () -> {
          try {
            NodeStatus n = child.status().nodes().get(PodNames.nodeId(WF, APPROVE));
            return n != null && n.phase() == NodePhase.Running;
          } catch (RuntimeException notYet) {
            return false;
          }
        });
  }

  private static NodeUpdate update(String phase, Map<String, String> outputs) {
    return new NodeUpdate(List.of(PodNames.nodeId(WF, APPROVE)), phase, null, outputs);
  }

  @Test
  void aResumedNodeGivesItsSuppliedOutputToTheNextStep() {
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));
    ArgoWorkflow workflow = harness.start(run(APPROVAL.replace("SUSPEND", "{}")));
    awaitSuspended(harness);

    // node set first (outputs only: still waiting), then resume, as `argo node set` + `resume`.
    workflow.updateNodes(update(null, Map.of("answer", "YES")));
    workflow.updateNodes(update("Succeeded", Map.of()));
    WorkflowStatus status = Harness.result(workflow);

    assertThat(status.phase()).as(status.message()).isEqualTo(NodePhase.Succeeded);
    NodeStatus approve = node(status, APPROVE);
    assertThat(approve.type()).isEqualTo(NodeType.Suspend);
    assertThat(approve.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(approve.outputs().parameters())
        .extracting(Parameter::name, Parameter::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("answer", "YES"));
    assertThat(harness.executor.requests())
        .extracting(r -> r.template().body().container().command().getLast())
        .containsExactly("YES");
  }

  @Test
  void aResumeWithoutAValueTakesTheDefaultOfTheInputOfTheSameName() {
    // intermediate-parameters.yaml: the output has no default; the input's 'NO' stands in.
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));
    ArgoWorkflow workflow = harness.start(run(APPROVAL.replace("SUSPEND", "{}")));
    awaitSuspended(harness);

    workflow.updateNodes(update("Succeeded", Map.of()));
    WorkflowStatus status = Harness.result(workflow);

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(node(status, APPROVE).outputs().parameters().getFirst().value()).isEqualTo("NO");
    assertThat(node(status, "wf[1].release").phase()).isEqualTo(NodePhase.Skipped);
    assertThat(harness.executor.requests()).isEmpty();
  }

  @Test
  void aDurationResumesTheNodeOnADurableTimerAfterThatLong() {
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));

    WorkflowStatus status =
        harness.runToEnd(run(APPROVAL.replace("SUSPEND", "{duration: \"2m\"}")));

    NodeStatus approve = node(status, APPROVE);
    assertThat(approve.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(Duration.between(approve.startedAt(), approve.finishedAt()))
        .isEqualTo(Duration.ofMinutes(2));
    assertThat(approve.outputs().parameters().getFirst().value()).isEqualTo("NO");
    List<HistoryEvent> events = harness.events(NodeNames.workflowId(WF, APPROVE));
    assertThat(events)
        .filteredOn(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_STARTED)
        .extracting(e -> e.getUserMetadata().getSummary().getData().toStringUtf8())
        .anySatisfy(s -> assertThat(s).contains("suspend wf[0].approve for 2m0s"));
  }

  @Test
  void nodeSetWithAFailedPhaseFailsTheNodeAndTheWorkflow() {
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));
    ArgoWorkflow workflow = harness.start(run(APPROVAL.replace("SUSPEND", "{}")));
    awaitSuspended(harness);

    workflow.updateNodes(
        new NodeUpdate(
            List.of(PodNames.nodeId(WF, APPROVE)), "Failed", "rejected by ops", Map.of()));
    WorkflowStatus status = Harness.result(workflow);

    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(node(status, APPROVE).phase()).isEqualTo(NodePhase.Failed);
    assertThat(node(status, APPROVE).message()).isEqualTo("rejected by ops");
  }

  @Test
  void aStopEndsTheSuspendedNodeFailedWithArgosMessage() {
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));
    ArgoWorkflow workflow = harness.start(run(APPROVAL.replace("SUSPEND", "{}")));
    awaitSuspended(harness);

    workflow.stop("Stop");
    WorkflowStatus status = Harness.result(workflow);

    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(node(status, APPROVE).message()).isEqualTo("Stopped with strategy 'Stop'");
  }

  @Test
  void aDurationPassingWithAnUnsetOutputWithoutDefaultIsAnError() {
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));
    String yaml =
        APPROVAL.replace("SUSPEND", "{duration: \"10\"}").replace("default: 'NO'", "value: 'NO'");

    WorkflowStatus status = harness.runToEnd(run(yaml));

    assertThat(node(status, APPROVE).phase()).isEqualTo(NodePhase.Error);
    assertThat(node(status, APPROVE).message())
        .isEqualTo(
            "raw output parameter 'answer' has not been set and does not have a default value");
  }

  @Test
  void aSuspendedWorkflowStartsNothingUntilItIsResumed() {
    // Argo's spec.suspend: the operator does nothing while it is set; `resume` clears it.
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));
    ArgoWorkflow workflow = harness.start(run(APPROVAL.replace("SUSPEND", "{}")));
    awaitSuspended(harness);

    workflow.updateNodes(new NodeUpdate(List.of(), null, null, Map.of(), true));
    workflow.updateNodes(update(null, Map.of("answer", "YES")));
    workflow.updateNodes(update("Succeeded", Map.of()));
    Poll.until(
        () -> {
          NodeStatus approve = node(workflow.status(), APPROVE);
          return approve != null && approve.phase() == NodePhase.Succeeded;
        });
    WorkflowStatus held = workflow.status();
    // The step after it would start at once; a second of real time leaves room for it to.
    sleep(Duration.ofSeconds(1));
    WorkflowStatus still = workflow.status();

    assertThat(held.suspended()).isTrue();
    assertThat(still.phase()).isEqualTo(NodePhase.Running);
    assertThat(node(still, "wf[1].release")).isNull();
    assertThat(harness.executor.requests()).isEmpty();

    workflow.updateNodes(new NodeUpdate(List.of(), "Succeeded", null, Map.of(), false));
    WorkflowStatus status = Harness.result(workflow);

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(status.suspended()).isNull();
    assertThat(harness.executor.requests()).hasSize(1);
  }

  @Test
  void aWorkflowSubmittedWithSpecSuspendRunsNoPodUntilItIsResumed() {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: wf
        spec:
          entrypoint: print
          suspend: true
          templates:
          - name: print
            container:
              image: busybox
              command: [echo, hi]
        """;
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));
    ArgoWorkflow workflow = harness.start(run(yaml));
    Poll.until(() -> Boolean.TRUE.equals(workflow.status().suspended()));
    // A pod would start at once; a second of real time leaves room for it to.
    sleep(Duration.ofSeconds(1));

    assertThat(workflow.status().phase()).isEqualTo(NodePhase.Running);
    assertThat(harness.executor.requests()).isEmpty();

    workflow.updateNodes(new NodeUpdate(List.of(), "Succeeded", null, Map.of(), false));
    WorkflowStatus status = Harness.result(workflow);

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(harness.executor.requests()).hasSize(1);
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
