package dev.targo.worker.workflow.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.Names;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code spec.ttlStrategy} as Argo's garbage collector applies it: the seconds of the workflow's
 * outcome after its end, on a durable timer, then the workflow deleted.
 */
class TtlStrategyWorkflowTest {
  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private static WorkflowRun run(String name, String ttl, String command) {
    String yaml =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: NAME
        spec:
          entrypoint: main
          ttlStrategy: TTL
          templates:
          - name: main
            container:
              image: busybox
              command: [sh, -c, "CMD"]
        """
            .replace("NAME", name)
            .replace("TTL", ttl)
            .replace("CMD", command);
    Translation t = Translator.translate(name + ".yaml", yaml);
    assertThat(t.all()).isEmpty();
    return new WorkflowRun(name, "argo", ((Translation.Ok) t).plan(), Map.of(), null);
  }

  @Test
  void aSucceededWorkflowStartsItsExpiryWithTheSecondsOfItsSuccess() {
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));
    WorkflowStatus status =
        harness.runToEnd(
            run("kept", "{secondsAfterSuccess: 30, secondsAfterCompletion: 600}", "true"));
    String id = Names.TTL_WORKFLOW_ID_PREFIX + "kept";
    var started =
        harness
            .client()
            .fetchHistory(id)
            .getHistory()
            .getEvents(0)
            .getWorkflowExecutionStartedEventAttributes();

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(started.getWorkflowType().getName()).isEqualTo(Names.TTL_WORKFLOW_TYPE);
    assertThat(started.getParentWorkflowExecution().getWorkflowId()).isEqualTo("kept");
    // Its input: the workflow id, its run, its end, and the seconds of a success (not 600).
    var input = started.getInput().getPayloadsList();
    assertThat(input).hasSize(4);
    assertThat(input.get(0).getData().toStringUtf8()).isEqualTo("\"kept\"");
    assertThat(input.get(3).getData().toStringUtf8()).isEqualTo("30");
  }

  @Test
  void aFailedWorkflowIsKeptWhenOnlySuccessHasASetting() {
    Harness harness = harnesses.start(new ScriptedExecutor(r -> Step.fail("node-1")));
    WorkflowStatus status = harness.runToEnd(run("failing", "{secondsAfterSuccess: 5}", "false"));

    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(exists(harness, Names.TTL_WORKFLOW_ID_PREFIX + "failing")).isFalse();
    assertThat(exists(harness, "failing")).isTrue();
  }

  private static boolean exists(Harness harness, String id) {
    try {
      var described =
          harness
              .client()
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(harness.client().getOptions().getNamespace())
                      .setExecution(
                          io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                              .setWorkflowId(id))
                      .build());
      return described.getWorkflowExecutionInfo().getStatus()
          != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED;
    } catch (io.grpc.StatusRuntimeException e) {
      if (e.getStatus().getCode() == io.grpc.Status.Code.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
