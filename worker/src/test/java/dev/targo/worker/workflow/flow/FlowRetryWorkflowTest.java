package dev.targo.worker.workflow.flow;

import static dev.targo.worker.support.FlowPlans.group;
import static dev.targo.worker.support.FlowPlans.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.targo.argo.PodNames;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.FlowPlans;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Retries of steps templates and of nodes inside them (ARGO-SEMANTICS §7–§8). */
class FlowRetryWorkflowTest {
  private static final String WF = "wf";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;

  private WorkflowStatus run(Function<PodRequest, Step> script, WorkflowPlan plan) {
    harness = harnesses.start(new ScriptedExecutor(script));
    return harness.runToEnd(Plans.run(WF, plan));
  }

  private static Template echo(RetryStrategySpec retry) {
    return Plans.template(
        "echo",
        retry,
        List.of(new Parameter("msg", null, "none", null)),
        "{{inputs.parameters.msg}}");
  }

  @Test
  void aRetriedStepsTemplateReRunsEveryChildUnderEachAttempt() {
    Template main =
        FlowPlans.steps(
            "main",
            Plans.strategy("2", "Always"),
            group(step("a", "echo", Parameter.of("msg", "a"))),
            group(step("b", "echo", Parameter.of("msg", "b"))));

    WorkflowStatus status =
        run(
            r -> r.nodeName().equals("wf(0)[1].b") ? Step.fail("node-1") : Step.succeed("node-1"),
            FlowPlans.plan(main, echo(null)));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(harness.executor.requests())
        .extracting(PodRequest::nodeName)
        .containsExactly("wf(0)[0].a", "wf(0)[1].b", "wf(1)[0].a", "wf(1)[1].b");
    NodeStatus root = status.nodes().get(WF);
    assertThat(root.type()).isEqualTo(NodeType.Retry);
    assertThat(root.children())
        .containsExactly(PodNames.nodeId(WF, "wf(0)"), PodNames.nodeId(WF, "wf(1)"));
    assertThat(status.nodes().get(PodNames.nodeId(WF, "wf(0)")))
        .extracting(NodeStatus::type, NodeStatus::phase, NodeStatus::message)
        .containsExactly(
            NodeType.Steps,
            NodePhase.Failed,
            "child '" + PodNames.nodeId(WF, "wf(0)[1].b") + "' failed");
  }

  @Test
  void onErrorNeverRetriesAStepsTemplateBecauseAFailedStepsNodeIsFailed() {
    Template main =
        FlowPlans.steps("main", Plans.strategy("3", "OnError"), group(step("a", "echo")));

    WorkflowStatus status =
        run(r -> Step.error("node-1", "pod deleted"), FlowPlans.plan(main, echo(null)));

    assertThat(harness.executor.requests()).hasSize(1);
    assertThat(status.nodes().get(PodNames.nodeId(WF, "wf(0)")).phase())
        .isEqualTo(NodePhase.Failed);
    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
  }

  @Test
  void strategiesOnEveryLevelGiveNestedRetryNodes() {
    Template main =
        FlowPlans.steps("main", Plans.strategy("1", "Always"), group(step("a", "echo")));

    WorkflowStatus status =
        run(r -> Step.fail("node-1"), FlowPlans.plan(main, echo(Plans.strategy("1", "Always"))));

    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(harness.executor.requests())
        .extracting(PodRequest::nodeName)
        .containsExactly("wf(0)[0].a(0)", "wf(0)[0].a(1)", "wf(1)[0].a(0)", "wf(1)[0].a(1)");
    assertThat(status.nodes().values())
        .filteredOn(n -> n.type() == NodeType.Retry)
        .extracting(NodeStatus::name, NodeStatus::phase)
        .containsExactly(
            tuple("wf", NodePhase.Failed),
            tuple("wf(0)[0].a", NodePhase.Failed),
            tuple("wf(1)[0].a", NodePhase.Failed));
  }

  @Test
  void aRetriedStepsOutputsAreItsLastAttempts() {
    Template main =
        FlowPlans.steps(
            "main",
            null,
            group(step("flaky", "echo", Parameter.of("msg", "flaky"))),
            group(step("use", "echo", Parameter.of("msg", "{{steps.flaky.outputs.result}}"))));

    run(
        r -> {
          if (r.nodeName().startsWith("wf[0].flaky")) {
            Step s = r.attempt() < 2 ? Step.fail("node-1") : Step.succeed("node-1");
            return s.printing("attempt " + r.attempt());
          }
          return Step.succeed("node-1");
        },
        FlowPlans.plan(main, echo(Plans.strategy("3", "OnFailure"))));

    assertThat(harness.executor.requests().getLast().template().body().container().args())
        .containsExactly("attempt 2");
  }

  @Test
  void nodeAntiAffinityOnARetriedStepsTemplateExcludesHostsOfEveryFailedPodBelowIt() {
    Template main =
        FlowPlans.steps(
            "main",
            new RetryStrategySpec("2", "Always", null, true, null),
            group(step("a", "echo", Parameter.of("msg", "a")), step("b", "echo")));

    run(
        r -> {
          if (r.nodeName().equals("wf(0)[0].a")) {
            return Step.fail("node-1");
          }
          if (r.nodeName().equals("wf(1)[0].b")) {
            return Step.fail("node-2");
          }
          return Step.succeed("node-3");
        },
        FlowPlans.plan(main, echo(null)));

    assertThat(harness.executor.requests())
        .filteredOn(r -> r.nodeName().startsWith("wf(2)"))
        .extracting(PodRequest::excludedHosts)
        .containsExactly(List.of("node-1", "node-2"), List.of("node-1", "node-2"));
  }
}
