package dev.targo.worker.workflow.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.PodNames;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodeOutputs;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Argo's retry rules (ARGO-SEMANTICS §3, §5, §6) as the workflow carries them out. */
class RetryPoliciesWorkflowTest {
  private static final String WF = "wf";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;

  private WorkflowStatus run(Function<PodRequest, Step> script, Template template) {
    harness = harnesses.start(new ScriptedExecutor(script));
    return harness.runToEnd(Plans.run(WF, Plans.plan(template)));
  }

  private static String exitArg(PodRequest r) {
    return r.template().body().container().args().getFirst();
  }

  @Test
  void failingTwiceThenSucceedingEndsSucceededAfterThreeAttemptsOnThreeHosts() {
    Template template =
        Plans.container(
            "flaky",
            new RetryStrategySpec("10", null, null, true, null),
            "sys.exit(0 if {{retries}} == 2 else 1)");

    WorkflowStatus status =
        run(
            r ->
                exitArg(r).equals("sys.exit(0 if 2 == 2 else 1)")
                    ? Step.succeed("node-" + (r.attempt() + 1))
                    : Step.fail("node-" + (r.attempt() + 1)),
            template);

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(status.message()).isNull();
    assertThat(status.progress()).isEqualTo("1/3");
    assertThat(status.nodes().values())
        .extracting(NodeStatus::name, NodeStatus::type, NodeStatus::phase, NodeStatus::hostNodeName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(WF, NodeType.Retry, NodePhase.Succeeded, null),
            org.assertj.core.groups.Tuple.tuple(
                WF + "(0)", NodeType.Pod, NodePhase.Failed, "node-1"),
            org.assertj.core.groups.Tuple.tuple(
                WF + "(1)", NodeType.Pod, NodePhase.Failed, "node-2"),
            org.assertj.core.groups.Tuple.tuple(
                WF + "(2)", NodeType.Pod, NodePhase.Succeeded, "node-3"));
    assertThat(status.nodes().keySet())
        .containsExactly(
            WF,
            PodNames.nodeId(WF, WF + "(0)"),
            PodNames.nodeId(WF, WF + "(1)"),
            PodNames.nodeId(WF, WF + "(2)"));
  }

  @Test
  void eachAttemptGetsItsOwnRetriesValuePodNameAndExclusions() {
    Template template =
        Plans.container(
            "flaky",
            new RetryStrategySpec("10", null, null, true, null),
            "sys.exit(0 if {{retries}} == 2 else 1)");

    run(
        r -> r.attempt() == 2 ? Step.succeed("node-3") : Step.fail("node-" + (r.attempt() + 1)),
        template);

    List<PodRequest> requests = harness.executor.requests();
    assertThat(requests)
        .extracting(RetryPoliciesWorkflowTest::exitArg)
        .containsExactly(
            "sys.exit(0 if 0 == 2 else 1)",
            "sys.exit(0 if 1 == 2 else 1)",
            "sys.exit(0 if 2 == 2 else 1)");
    assertThat(requests)
        .extracting(PodRequest::podName)
        .containsExactly(
            PodNames.podName(WF, WF + "(0)", "flaky"),
            PodNames.podName(WF, WF + "(1)", "flaky"),
            PodNames.podName(WF, WF + "(2)", "flaky"));
    assertThat(requests)
        .extracting(PodRequest::excludedHosts)
        .containsExactly(List.of(), List.of("node-1"), List.of("node-1", "node-2"));
  }

  @Test
  void withoutNodeAntiAffinityNoHostIsExcluded() {
    run(
        r -> r.attempt() == 2 ? Step.succeed("node-3") : Step.fail("node-" + (r.attempt() + 1)),
        Plans.container("flaky", Plans.strategy("10", null), "x"));

    assertThat(harness.executor.requests())
        .extracting(PodRequest::excludedHosts)
        .containsOnly(List.of());
  }

  @Test
  void onFailureDoesNotRetryAnErrorAttempt() {
    WorkflowStatus status =
        run(
            r -> Step.error("node-1", "pod deleted"),
            Plans.container("t", Plans.strategy("5", "OnFailure"), "x"));

    assertThat(harness.executor.requests()).hasSize(1);
    assertThat(status.phase()).isEqualTo(NodePhase.Error);
    assertThat(status.message()).isEqualTo("pod deleted");
  }

  @Test
  void onErrorDoesNotRetryAFailedAttempt() {
    WorkflowStatus status =
        run(r -> Step.fail("node-1"), Plans.container("t", Plans.strategy("5", "OnError"), "x"));

    assertThat(harness.executor.requests()).hasSize(1);
    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(status.message()).isEqualTo("main: Error (exit code 1)");
  }

  @Test
  void limitZeroRunsExactlyOneAttempt() {
    WorkflowStatus status =
        run(r -> Step.fail("node-1"), Plans.container("t", Plans.strategy("0", "Always"), "x"));

    assertThat(harness.executor.requests()).hasSize(1);
    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(status.message()).isEqualTo("No more retries left");
  }

  @Test
  void limitTwoRunsThreeAttemptsThenGivesUp() {
    WorkflowStatus status =
        run(r -> Step.fail("node-1"), Plans.container("t", Plans.strategy("2", "Always"), "x"));

    assertThat(harness.executor.requests()).hasSize(3);
    assertThat(status.message()).isEqualTo("No more retries left");
    assertThat(status.progress()).isEqualTo("0/3");
  }

  @Test
  void withoutRetryStrategyTheRootIsTheOnlyPodNode() {
    WorkflowStatus status = run(r -> Step.fail("node-1"), Plans.container("t", null, "x"));

    assertThat(status.nodes()).containsOnlyKeys(WF);
    NodeStatus root = status.nodes().get(WF);
    assertThat(root.type()).isEqualTo(NodeType.Pod);
    assertThat(root.name()).isEqualTo(WF);
    assertThat(root.phase()).isEqualTo(NodePhase.Failed);
    assertThat(root.message()).isEqualTo("main: Error (exit code 1)");
    assertThat(root.hostNodeName()).isEqualTo("node-1");
    assertThat(root.podName()).isEqualTo(PodNames.podName(WF, WF, "t"));
    assertThat(harness.executor.requests().getFirst().nodeId()).isEqualTo(WF);
    assertThat(status.message()).isEqualTo("main: Error (exit code 1)");
    assertThat(status.progress()).isEqualTo("0/1");
  }

  @Test
  void retryNodeTakesTheLastAttemptsOutputs() {
    WorkflowStatus status =
        run(
            r ->
                r.attempt() == 0
                    ? Step.fail("node-1").printing("boom")
                    : Step.succeed("node-2").printing("hello"),
            Plans.container("t", Plans.strategy("3", null), "x"));

    assertThat(status.nodes().get(WF).outputs())
        .isEqualTo(new NodeOutputs("0", "hello", List.of()));
  }

  @Test
  void limitThatDoesNotResolveToAnIntEndsTheNodeInErrorAfterTheFailedAttempt() {
    Template template =
        Plans.container("t", Plans.strategy("{{workflow.parameters.n}}", null), "x");
    harness = harnesses.start(new ScriptedExecutor(r -> Step.fail("node-1")));
    WorkflowRun run =
        new WorkflowRun(
            WF,
            "argo",
            Plans.plan(template, List.of(Parameter.of("n", "abc")), null),
            Map.of(),
            null);

    WorkflowStatus status = harness.runToEnd(run);

    assertThat(harness.executor.requests()).hasSize(1);
    assertThat(status.phase()).isEqualTo(NodePhase.Error);
    assertThat(status.message()).isEqualTo("value 'abc' cannot be resolved to an int");
  }

  @Test
  void missingEntrypointEndsTheWorkflowInErrorWithoutAPod() {
    harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1")));
    dev.targo.argo.plan.WorkflowPlan plan = Plans.plan(Plans.container("t", null, "x"));
    dev.targo.argo.plan.WorkflowPlan missing =
        new dev.targo.argo.plan.WorkflowPlan(
            null,
            "wf-",
            null,
            Map.of(),
            Map.of(),
            "main",
            List.of(),
            plan.templates(),
            null,
            null,
            null);

    WorkflowStatus status = harness.runToEnd(Plans.run(WF, missing));

    assertThat(status.phase()).isEqualTo(NodePhase.Error);
    assertThat(status.message()).isEqualTo("template main not found");
    assertThat(harness.executor.requests()).isEmpty();
  }

  @Test
  void workflowVariablesReachTheTemplate() {
    Template template =
        Plans.container("t", null, "{{workflow.name}} {{workflow.namespace}} {{pod.name}}");

    run(r -> Step.succeed("node-1"), template);

    assertThat(exitArg(harness.executor.requests().getFirst()))
        .isEqualTo(WF + " argo " + PodNames.podName(WF, WF, "t"));
  }

  /**
   * Argo keeps node times in whole seconds ({@code metav1.Time}), and {@code lastRetry.duration} is
   * {@code fmt.Sprint(node.GetDuration().Seconds())} of the stored node ({@code
   * workflow/controller/operator.go} {@code executeTemplate}; {@code NodeStatus.GetDuration} in
   * {@code pkg/apis/workflow/v1alpha1/workflow_types.go}): {@code "1"}, never {@code "1.5"}, so
   * Argo's documented {@code asInt(lastRetry.duration) < 60} evaluates.
   */
  @Test
  void lastRetryDurationIsWholeSecondsSoAsIntOfItEvaluates() {
    Template template =
        Plans.container(
            "timed",
            new RetryStrategySpec("3", null, null, false, "asInt(lastRetry.duration) < 60"),
            "{{lastRetry.duration}}");

    WorkflowStatus status =
        run(
            r ->
                (r.attempt() == 2 ? Step.succeed("node-1") : Step.fail("node-1"))
                    .runningFor(java.time.Duration.ofMillis(1500)),
            template);

    assertThat(status.phase()).as(status.message()).isEqualTo(NodePhase.Succeeded);
    List<String> durations =
        harness.executor.requests().stream().map(RetryPoliciesWorkflowTest::exitArg).toList();
    assertThat(durations).hasSize(3).first().isEqualTo("0");
    assertThat(durations.subList(1, 3)).allMatch(d -> d.matches("[12]"), "whole seconds");
    assertThat(status.nodes().values())
        .allSatisfy(
            n -> {
              assertThat(n.startedAt().getNano()).isZero();
              assertThat(n.finishedAt().getNano()).isZero();
            });
    assertThat(status.startedAt().getNano()).isZero();
  }
}
