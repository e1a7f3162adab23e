package dev.targo.worker.workflow.retry;

import static dev.targo.worker.support.FlowPlans.group;
import static dev.targo.worker.support.FlowPlans.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.PodDeletion;
import dev.targo.argo.plan.PodGc;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.pod.PodRequest;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The workflow deletes pods once their outcome is recorded ({@code spec.podGC}): after each attempt
 * by default and under {@code OnPodCompletion}, after succeeded attempts under {@code
 * OnPodSuccess}, and every pod of the workflow by label at its end under {@code
 * OnWorkflowCompletion} (always) and {@code OnWorkflowSuccess} (after a success).
 */
class PodGcWorkflowTest {
  private static final String WF = "gc";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;

  @Test
  void withoutPodGcEachAttemptsPodIsDeletedAfterItsOutcome() {
    List<String> pods =
        run(ScriptedExecutor.failingUntil(2), twoRetries(), null, NodePhase.Succeeded);

    // Deletions run beside the next attempts, so they may end in any order.
    assertThat(deletions())
        .containsExactlyInAnyOrder(del(pods.get(0)), del(pods.get(1)), del(pods.get(2)));
    assertEachDeletionFollowsItsRun(pods);
  }

  @Test
  void onPodCompletionDeletesFailedAndSucceededAttemptsPods() {
    List<String> pods =
        run(
            ScriptedExecutor.failingUntil(1),
            twoRetries(),
            PodGc.Strategy.OnPodCompletion,
            NodePhase.Succeeded);

    assertThat(deletions()).containsExactlyInAnyOrder(del(pods.get(0)), del(pods.get(1)));
    assertEachDeletionFollowsItsRun(pods);
  }

  @Test
  void onPodSuccessDeletesOnlyTheSucceededAttemptsPod() {
    List<String> pods =
        run(
            ScriptedExecutor.failingUntil(2),
            twoRetries(),
            PodGc.Strategy.OnPodSuccess,
            NodePhase.Succeeded);

    assertThat(deletions()).containsExactly(del(pods.get(2)));
    assertEachDeletionFollowsItsRun(pods);
  }

  @Test
  void onWorkflowCompletionDeletesEveryPodOfAFailedWorkflowAtItsEnd() {
    run(
        ScriptedExecutor.failingUntil(5),
        twoRetries(),
        PodGc.Strategy.OnWorkflowCompletion,
        NodePhase.Failed);

    assertThat(harness.executor.events()).hasSize(4).last().isEqualTo("delete pods of " + WF);
    assertThat(deletions()).containsExactly("delete pods of " + WF);
  }

  @Test
  void onWorkflowSuccessDeletesEveryPodOfASucceededWorkflowAtItsEnd() {
    run(
        ScriptedExecutor.failingUntil(1),
        twoRetries(),
        PodGc.Strategy.OnWorkflowSuccess,
        NodePhase.Succeeded);

    assertThat(harness.executor.events()).hasSize(3).last().isEqualTo("delete pods of " + WF);
    assertThat(deletions()).containsExactly("delete pods of " + WF);
  }

  @Test
  void onWorkflowSuccessKeepsThePodsOfAFailedWorkflow() {
    run(
        ScriptedExecutor.failingUntil(5),
        twoRetries(),
        PodGc.Strategy.OnWorkflowSuccess,
        NodePhase.Failed);

    assertThat(deletions()).isEmpty();
  }

  @Test
  void stepsPodsInChildWorkflowsAreDeletedAfterTheirAttempts() {
    Template main = FlowPlans.steps("main", null, group(step("a", "work"), step("b", "work")));
    Template work = Plans.container("work", null, "work");
    WorkflowPlan plan = withPodGc(FlowPlans.plan(main, work), null);

    List<String> pods = runPlan(new ScriptedExecutor(r -> Step.succeed("node-1")), plan);

    assertThat(pods).hasSize(2);
    assertThat(deletions()).containsExactlyInAnyOrder(del(pods.get(0)), del(pods.get(1)));
    assertEachDeletionFollowsItsRun(pods);
  }

  @Test
  void stepsPodsAreDeletedByWorkflowAfterEveryChildHasEndedUnderOnWorkflowCompletion() {
    Template main = FlowPlans.steps("main", null, group(step("a", "work"), step("b", "work")));
    Template work = Plans.container("work", null, "work");
    WorkflowPlan plan =
        withPodGc(FlowPlans.plan(main, work), new PodGc(PodGc.Strategy.OnWorkflowCompletion));

    runPlan(new ScriptedExecutor(r -> Step.succeed("node-1")), plan);

    assertThat(harness.executor.events()).hasSize(3).last().isEqualTo("delete pods of " + WF);
    assertThat(deletions()).containsExactly("delete pods of " + WF);
  }

  @Test
  void eachDeletionIsAnActivityNamedForItsPod() {
    List<String> pods =
        run(ScriptedExecutor.failingUntil(1), twoRetries(), null, NodePhase.Succeeded);

    assertThat(
            Histories.summaries(harness.events(WF), EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .containsExactly(
            "attempt 1/3 of main",
            "delete pod " + pods.get(0),
            "attempt 2/3 of main",
            "delete pod " + pods.get(1));
  }

  @Test
  void aPodTheLabelSelectorDoesNotSelectIsKeptAndTheDelayTravelsWithTheDeletion() throws Exception {
    Template selected =
        Plans.container("sel", null, "sel")
            .withMetadata(
                new dev.targo.argo.plan.PodMetadata(Map.of("should-be-deleted", "true"), Map.of()));
    Template kept = Plans.container("kept", null, "kept");
    Template main = FlowPlans.steps("main", null, group(step("a", "sel"), step("b", "kept")));
    PodGc gc =
        new PodGc(
            PodGc.Strategy.OnPodSuccess,
            dev.targo.argo.Json.mapper()
                .readTree("{\"matchLabels\":{\"should-be-deleted\":\"true\"}}"),
            "30s");

    List<String> pods =
        runPlan(
            new ScriptedExecutor(r -> Step.succeed("node-1")),
            withPodGc(FlowPlans.plan(main, selected, kept), gc));

    String selectedPod = pods.stream().filter(p -> p.contains("-sel-")).findFirst().orElseThrow();
    assertThat(deletions()).containsExactly(del(selectedPod));
    assertThat(harness.executor.deletionsMade())
        .extracting(PodDeletion::delayMillis)
        .containsExactly(30_000L);
  }

  @Test
  void theWorkflowsDeletionIsAnActivityNamedForTheWorkflow() {
    run(
        ScriptedExecutor.failingUntil(0),
        twoRetries(),
        PodGc.Strategy.OnWorkflowCompletion,
        NodePhase.Succeeded);

    assertThat(
            Histories.summaries(harness.events(WF), EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
        .containsExactly("attempt 1/3 of main", "delete pods of workflow " + WF);
  }

  private List<String> run(
      ScriptedExecutor executor, Template entrypoint, PodGc.Strategy strategy, NodePhase phase) {
    WorkflowPlan plan =
        withPodGc(Plans.plan(entrypoint), strategy == null ? null : new PodGc(strategy));
    harness = harnesses.start(executor);
    WorkflowStatus status = harness.runToEnd(Plans.run(WF, plan));
    assertThat(status.phase()).isEqualTo(phase);
    return podNames();
  }

  private List<String> runPlan(ScriptedExecutor executor, WorkflowPlan plan) {
    harness = harnesses.start(executor);
    WorkflowStatus status = harness.runToEnd(Plans.run(WF, plan));
    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    return podNames();
  }

  private List<String> podNames() {
    return harness.executor.requests().stream().map(PodRequest::podName).toList();
  }

  private List<String> deletions() {
    return harness.executor.events().stream().filter(e -> e.startsWith("delete")).toList();
  }

  /** The delete of a pod comes after its run, never before (the outcome is recorded first). */
  private void assertEachDeletionFollowsItsRun(List<String> pods) {
    List<String> events = harness.executor.events();
    for (String pod : pods) {
      if (events.contains(del(pod))) {
        assertThat(events.indexOf(del(pod))).isGreaterThan(events.indexOf("run " + pod));
      }
    }
  }

  private static String del(String pod) {
    return "delete " + pod;
  }

  private static Template twoRetries() {
    return Plans.container("main", Plans.strategy("2", "Always"), "work");
  }

  private static WorkflowPlan withPodGc(WorkflowPlan p, PodGc podGc) {
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
        podGc,
        p.serviceAccountName(),
        p.onExit());
  }
}
