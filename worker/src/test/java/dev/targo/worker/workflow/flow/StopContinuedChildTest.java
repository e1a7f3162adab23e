package dev.targo.worker.workflow.flow;

import static dev.targo.worker.support.FlowPlans.group;
import static dev.targo.worker.support.FlowPlans.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.Names;
import dev.targo.api.temporal.ArgoFailures;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.argo.plan.Template;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.FlowPlans;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.Poll;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import io.temporal.client.WorkflowStub;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A stop reaches a step's child workflow even after that child continued as new. */
class StopContinuedChildTest {
  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;

  @Test
  void stopReachesAChildThatContinuedAsNew() throws Exception {
    Template main = FlowPlans.steps("main", null, group(step("a", "work")));
    Template work = Plans.container("work", Plans.retryForever(), "work");
    harness =
        harnesses.start(
            new ScriptedExecutor(
                r ->
                    r.attempt() < 110
                        ? Step.fail("node-1")
                        : Step.fail("node-1").runningFor(Duration.ofSeconds(30))));
    ArgoWorkflow workflow = harness.start(Plans.run("wf", FlowPlans.plan(main, work)));
    Poll.until(() -> harness.executor.requests().size() > 110);

    workflow.stop(Names.STOP_STRATEGY_STOP);
    // Stopped is Failed in Argo's terms: the run fails, its status in the failure.
    WorkflowStatus status =
        WorkflowStub.fromTyped(workflow)
            .getResultAsync(WorkflowStatus.class)
            .handle(
                (result, failure) ->
                    result != null
                        ? result
                        : ArgoFailures.workflowStatus(failure)
                            .orElseThrow(() -> new AssertionError(failure)))
            .get(20, TimeUnit.SECONDS);

    assertThat(harness.runs("wf/wf[0].a")).hasSize(2);
    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(status.message()).isEqualTo("Stopped with strategy 'Stop'");
  }
}
