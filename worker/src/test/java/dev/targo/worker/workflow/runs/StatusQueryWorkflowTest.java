package dev.targo.worker.workflow.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.argo.PodNames;
import dev.targo.argo.plan.RetryStrategySpec.BackoffSpec;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.Poll;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import io.temporal.api.sdk.v1.WorkflowMetadata;
import io.temporal.client.WorkflowStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code status} query answers mid-run, while the retry node waits out its backoff. */
class StatusQueryWorkflowTest {
  private static final String WF = "waiting";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;

  private ArgoWorkflow startWaitingNinetySeconds() {
    harness =
        harnesses.start(
            new ScriptedExecutor(r -> r.attempt() == 0 ? Step.fail("node-1") : Step.succeed("n")));
    ArgoWorkflow workflow =
        harness.start(
            Plans.run(
                WF,
                Plans.plan(
                    Plans.container(
                        "t",
                        Plans.strategy("3", null, new BackoffSpec("90s", null, null, null)),
                        "x"))));
    // Time does not skip while nobody waits for the result: the backoff holds.
    Poll.until(
        () -> {
          NodeStatus root = workflow.status().nodes().get(WF);
          return root != null && root.message() != null;
        });
    return workflow;
  }

  @Test
  void retryNodeShowsItsBackoffWhileWaiting() {
    WorkflowStatus status = startWaitingNinetySeconds().status();

    NodeStatus root = status.nodes().get(WF);
    assertThat(root.phase()).isEqualTo(NodePhase.Running);
    assertThat(root.message()).isEqualTo("Backoff for 1 minute 30 seconds");
    assertThat(status.phase()).isEqualTo(NodePhase.Running);
    assertThat(status.message()).isNull();
    assertThat(status.finishedAt()).isNull();
    assertThat(status.progress()).isEqualTo("0/1");
    assertThat(status.nodes().get(PodNames.nodeId(WF, WF + "(0)")).phase())
        .isEqualTo(NodePhase.Failed);
  }

  @Test
  void currentDetailsShowPhaseProgressAndTheBackoff() {
    ArgoWorkflow workflow = startWaitingNinetySeconds();

    String details =
        WorkflowStub.fromTyped(workflow)
            .query("__temporal_workflow_metadata", WorkflowMetadata.class)
            .getCurrentDetails();

    assertThat(details).isEqualTo("Running · progress 0/1 · Backoff for 1 minute 30 seconds");
  }

  @Test
  void backoffMessageIsClearedWhenTheNextAttemptStarts() {
    ArgoWorkflow workflow = startWaitingNinetySeconds();

    WorkflowStatus end = Harness.result(workflow);

    assertThat(end.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(end.nodes().get(WF).message()).isNull();
    assertThat(end.progress()).isEqualTo("1/2");
  }
}
