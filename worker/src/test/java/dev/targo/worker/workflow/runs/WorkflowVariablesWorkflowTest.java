package dev.targo.worker.workflow.runs;

import static dev.targo.worker.support.FlowPlans.group;
import static dev.targo.worker.support.FlowPlans.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.Names;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.plan.RetryStrategySpec.BackoffSpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.FlowPlans;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code workflow.*} variables reach pods below the root, and the duration is taken per attempt.
 */
class WorkflowVariablesWorkflowTest {
  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;

  private static String args(PodRequest r) {
    return String.join(" ", r.template().body().container().args());
  }

  @Test
  void aStepInAChildWorkflowSeesTheRootsMetadataAndTimes() {
    Template main = FlowPlans.steps("main", null, group(step("show", "show")));
    Template show =
        Plans.container(
            "show",
            null,
            "{{workflow.mainEntrypoint}}",
            "{{workflow.labels.team}}",
            "{{workflow.creationTimestamp.Y}}",
            "{{workflow.duration}}");
    WorkflowPlan p = FlowPlans.plan(main, show);
    WorkflowPlan plan =
        new WorkflowPlan(
            p.name(),
            p.generateName(),
            p.namespace(),
            Map.of("team", "data"),
            Map.of(),
            p.entrypoint(),
            p.arguments(),
            p.templates(),
            null,
            null,
            null);
    harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));

    WorkflowStatus status = harness.runToEnd(Plans.run("wf", plan));

    String year = Integer.toString(status.startedAt().atZone(java.time.ZoneOffset.UTC).getYear());
    assertThat(args(harness.executor.requests().getFirst()))
        .matches("main data " + year + " \\d+\\.\\d{6}");
  }

  /**
   * Argo's {@code setGlobalRuntimeParameters} ({@code workflow/controller/operator.go}) sets {@code
   * workflow.status} to the workflow's phase for every template: {@code Running} while it runs, in
   * a {@code when} too; the exit handler gets the final phase.
   */
  @Test
  void workflowStatusIsRunningOutsideTheExitHandler() {
    Template main =
        FlowPlans.steps(
            "main",
            null,
            group(
                step("show", "show"),
                FlowPlans.when(step("skipped", "show"), "{{workflow.status}} != Running")));
    Template show = Plans.container("show", null, "{{workflow.status}}");
    harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));

    WorkflowStatus status = harness.runToEnd(Plans.run("wf", FlowPlans.plan(main, show)));

    assertThat(harness.executor.requests()).extracting(r -> args(r)).containsExactly("Running");
    assertThat(status.nodes().values())
        .filteredOn(n -> n.displayName().equals("skipped"))
        .extracting(n -> n.phase().name())
        .containsExactly("Skipped");
  }

  @Test
  void aWorkflowThatNamesNoNamespaceRunsInItsWorkersAndSaysWhichInItsMemo() {
    harness =
        harnesses.start(
            new ScriptedExecutor(r -> Step.succeed("node-1")).withDefaultNamespace("team-a"));
    Template show = Plans.container("show", null, "{{workflow.namespace}}");

    harness.runToEnd(new WorkflowRun("wf", null, Plans.plan(show), Map.of(), null));

    PodRequest pod = harness.executor.requests().getFirst();
    assertThat(pod.namespace()).isEqualTo("team-a");
    assertThat(args(pod)).isEqualTo("team-a");
    assertThat(
            harness
                .client()
                .newUntypedWorkflowStub("wf")
                .describe()
                .getMemo(Names.MEMO_NAMESPACE, String.class))
        .isEqualTo("team-a");
  }

  @Test
  void eachAttemptOfARetriedPodGetsTheDurationAtItsStart() {
    Template flaky =
        Plans.container(
            "flaky",
            Plans.strategy("1", null, new BackoffSpec("30", null, null, null)),
            "{{workflow.duration}}");
    harness = harnesses.start(ScriptedExecutor.failingUntil(1));

    harness.runToEnd(Plans.run("wf", Plans.plan(flaky)));

    List<Double> durations =
        harness.executor.requests().stream().map(r -> Double.parseDouble(args(r))).toList();
    assertThat(durations).hasSize(2);
    assertThat(durations.get(1) - durations.get(0)).isBetween(30.0, 40.0);
  }
}
