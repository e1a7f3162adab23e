package dev.targo.worker.workflow.flow;

import static dev.targo.worker.support.FlowPlans.group;
import static dev.targo.worker.support.FlowPlans.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.targo.argo.PodNames;
import dev.targo.argo.plan.Parameter;
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

/** Steps templates: groups, parallel steps, when, loops, outputs and continueOn (§8). */
class StepsWorkflowTest {
  private static final String WF = "wf";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;

  private WorkflowStatus run(Function<PodRequest, Step> script, WorkflowPlan plan) {
    harness = harnesses.start(new ScriptedExecutor(script));
    return harness.runToEnd(Plans.run(WF, plan));
  }

  private static Template echo() {
    return Plans.template(
        "echo",
        null,
        List.of(new Parameter("msg", null, "none", null)),
        "{{inputs.parameters.msg}}");
  }

  private static String arg(PodRequest r) {
    return r.template().body().container().args().getFirst();
  }

  @Test
  void runsGroupsInOrderAndNamesEveryNodeAsArgo() {
    Template main =
        FlowPlans.steps(
            "main",
            null,
            group(step("hello1", "echo", Parameter.of("msg", "1"))),
            group(step("hello2a", "echo", Parameter.of("msg", "2a")), step("hello2b", "echo")));

    WorkflowStatus status = run(r -> Step.succeed("node-1"), FlowPlans.plan(main, echo()));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(status.progress()).isEqualTo("3/3");
    assertThat(status.nodes().values())
        .extracting(NodeStatus::name, NodeStatus::displayName, NodeStatus::type)
        .containsExactly(
            tuple(WF, WF, NodeType.Steps),
            tuple("wf[0]", "[0]", NodeType.StepGroup),
            tuple("wf[0].hello1", "hello1", NodeType.Pod),
            tuple("wf[1]", "[1]", NodeType.StepGroup),
            tuple("wf[1].hello2a", "hello2a", NodeType.Pod),
            tuple("wf[1].hello2b", "hello2b", NodeType.Pod));
    NodeStatus hello1 = status.nodes().get(PodNames.nodeId(WF, "wf[0].hello1"));
    assertThat(hello1.children()).containsExactly(PodNames.nodeId(WF, "wf[1]"));
    assertThat(harness.executor.requests())
        .extracting(StepsWorkflowTest::arg)
        .contains("1", "2a", "none");
  }

  @Test
  void falseWhenMakesASkippedNodeWithArgosMessage() {
    Template main =
        FlowPlans.steps(
            "main",
            null,
            group(step("flip", "echo", Parameter.of("msg", "x"))),
            group(
                FlowPlans.when(step("heads", "echo"), "{{steps.flip.outputs.result}} == heads"),
                FlowPlans.when(step("tails", "echo"), "{{steps.flip.outputs.result}} == tails")));

    WorkflowStatus status =
        run(r -> Step.succeed("node-1").printing("tails"), FlowPlans.plan(main, echo()));

    NodeStatus heads = status.nodes().get(PodNames.nodeId(WF, "wf[1].heads"));
    assertThat(heads.type()).isEqualTo(NodeType.Skipped);
    assertThat(heads.phase()).isEqualTo(NodePhase.Skipped);
    assertThat(heads.message()).isEqualTo("when 'tails == heads' evaluated false");
    assertThat(status.nodes().get(PodNames.nodeId(WF, "wf[1].tails")).phase())
        .isEqualTo(NodePhase.Succeeded);
    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
  }

  @Test
  void aStepsOutputResultIsTheNextStepsArgument() {
    Template main =
        FlowPlans.steps(
            "main",
            null,
            group(step("gen", "echo", Parameter.of("msg", "a"))),
            group(step("use", "echo", Parameter.of("msg", "got {{steps.gen.outputs.result}}"))));

    run(
        r -> Step.succeed("node-1").printing(r.nodeName().endsWith("gen") ? "42" : "ok"),
        FlowPlans.plan(main, echo()));

    assertThat(harness.executor.requests())
        .extracting(StepsWorkflowTest::arg)
        .containsExactly("a", "got 42");
  }

  @Test
  void loopsFanOutNamedByItemAndAggregateResultsAsAJsonList() {
    Template main =
        FlowPlans.steps(
            "main",
            null,
            group(
                FlowPlans.loop(
                    step("sq", "echo", Parameter.of("msg", "{{item}}")),
                    FlowPlans.items("1", "2", "3"))),
            group(step("sum", "echo", Parameter.of("msg", "{{steps.sq.outputs.result}}"))));

    WorkflowStatus status =
        run(
            r -> {
              String a = arg(r);
              return Step.succeed("node-1").printing(a.startsWith("[") ? "6" : a + a);
            },
            FlowPlans.plan(main, echo()));

    assertThat(status.nodes().values())
        .extracting(NodeStatus::displayName)
        .containsExactly("wf", "[0]", "sq(0:1)", "sq(1:2)", "sq(2:3)", "[1]", "sum");
    assertThat(harness.executor.requests().getLast().template().body().container().args())
        .containsExactly("[11,22,33]");
  }

  @Test
  void aFailedStepFailsItsGroupAndTheStepsNodeWithArgosMessage() {
    Template main =
        FlowPlans.steps("main", null, group(step("bad", "echo")), group(step("never", "echo")));

    WorkflowStatus status =
        run(r -> Step.error("node-1", "pod deleted"), FlowPlans.plan(main, echo()));

    String badId = PodNames.nodeId(WF, "wf[0].bad");
    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(status.message()).isEqualTo("child '" + badId + "' failed");
    assertThat(status.nodes().get(PodNames.nodeId(WF, "wf[0]")).phase())
        .isEqualTo(NodePhase.Failed);
    assertThat(status.nodes().get(badId).phase()).isEqualTo(NodePhase.Error);
    assertThat(status.nodes()).doesNotContainKey(PodNames.nodeId(WF, "wf[1].never"));
  }

  @Test
  void continueOnFailedLetsTheStepsGoOn() {
    Template main =
        FlowPlans.steps(
            "main",
            null,
            group(FlowPlans.continueOnFailed(step("bad", "echo", Parameter.of("msg", "bad")))),
            group(step("next", "echo", Parameter.of("msg", "{{steps.bad.status}}"))));

    WorkflowStatus status =
        run(
            r -> arg(r).equals("bad") ? Step.fail("node-1") : Step.succeed("node-1"),
            FlowPlans.plan(main, echo()));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(harness.executor.requests())
        .extracting(StepsWorkflowTest::arg)
        .containsExactly("bad", "Failed");
  }
}
