package dev.targo.worker.workflow.flow;

import static dev.targo.worker.support.FlowPlans.group;
import static dev.targo.worker.support.FlowPlans.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.RetryStrategySpec.BackoffSpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.FlowPlans;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Deadlines around steps templates: the workflow's {@code activeDeadlineSeconds} ends a retried
 * steps node, and a steps template's own {@code activeDeadlineSeconds} and {@code timeout} (which
 * the translator rejects, but another client may send) are not applied, as Argo's operator applies
 * them to pods only.
 */
class FlowDeadlineWorkflowTest {
  private static final String WF = "wf";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;

  private static WorkflowPlan withDeadline(WorkflowPlan p, Long seconds) {
    return new WorkflowPlan(
        p.name(),
        p.generateName(),
        p.namespace(),
        p.labels(),
        p.annotations(),
        p.entrypoint(),
        p.arguments(),
        p.templates(),
        seconds,
        p.podGc(),
        p.serviceAccountName(),
        p.onExit());
  }

  @Test
  void aRetriedStepsNodeStopsRetryingAtTheWorkflowDeadline() {
    Template main =
        FlowPlans.steps(
            "main",
            Plans.strategy("3", null, new BackoffSpec("1h", null, null, null)),
            group(step("a", "work")));
    harness = harnesses.start(new ScriptedExecutor(r -> Step.fail("node-1")));

    WorkflowStatus status =
        harness.runToEnd(
            Plans.run(
                WF, withDeadline(FlowPlans.plan(main, Plans.container("work", null, "x")), 30L)));

    assertThat(harness.executor.requests())
        .extracting(PodRequest::nodeName)
        .containsExactly("wf(0)[0].a");
    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(status.nodes().get(WF).message())
        .matches(
            "retry exceeded workflow deadline"
                + " \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d+)? \\+0000 UTC");
    assertThat(status.message()).isEqualTo(status.nodes().get(WF).message());
  }

  @Test
  void aStepsTemplatesOwnDeadlineAndTimeoutAreNotApplied() {
    Template steps = FlowPlans.steps("main", null, group(step("a", "work")));
    Template main =
        new Template(
            steps.name(),
            steps.body(),
            List.of(),
            null,
            "1",
            "1s",
            Map.of(),
            null,
            List.of(),
            null,
            null,
            null);
    harness =
        harnesses.start(
            new ScriptedExecutor(r -> Step.succeed("node-1").runningFor(Duration.ofSeconds(3))));

    WorkflowStatus status =
        harness.runToEnd(Plans.run(WF, FlowPlans.plan(main, Plans.container("work", null, "x"))));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(harness.executor.requests().getFirst().activeDeadlineSeconds()).isNull();
  }
}
