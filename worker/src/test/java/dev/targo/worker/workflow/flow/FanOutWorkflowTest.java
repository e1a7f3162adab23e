package dev.targo.worker.workflow.flow;

import static dev.targo.worker.support.FlowPlans.group;
import static dev.targo.worker.support.FlowPlans.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.Loop;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.FlowPlans;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A wide fan-out, and outputs of a steps template read from its children. */
class FanOutWorkflowTest {
  private static final String WF = "wf";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;

  @Test
  void twoHundredItemsRunAsTwoHundredChildWorkflowsAndAggregateInOrder() {
    Template main =
        FlowPlans.steps(
            "main",
            null,
            group(
                FlowPlans.loop(
                    step("sq", "echo", Parameter.of("msg", "{{item}}")),
                    new Loop.Sequence("200", "1", null, null))),
            group(step("sum", "echo", Parameter.of("msg", "{{steps.sq.outputs.result}}"))));
    Template echo =
        Plans.template(
            "echo",
            null,
            List.of(new Parameter("msg", null, null, null)),
            "{{inputs.parameters.msg}}");
    harness =
        harnesses.start(
            new ScriptedExecutor(
                r -> {
                  String msg = r.template().body().container().args().getFirst();
                  return Step.succeed("node-1").printing(msg.startsWith("[") ? "done" : msg);
                }));

    WorkflowStatus status = harness.runToEnd(Plans.run(WF, FlowPlans.plan(main, echo)));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(status.nodes()).hasSize(204);
    assertThat(status.progress()).isEqualTo("201/201");
    String sum =
        harness.executor.requests().getLast().template().body().container().args().getFirst();
    assertThat(sum).startsWith("[1,2,3,").endsWith(",199,200]");
  }

  @Test
  void aStepsTemplatesOutputParameterComesFromItsChild() {
    Template inner =
        FlowPlans.flow(
            "inner",
            new TemplateBody.StepsBody(List.of(group(step("gen", "gen")))),
            null,
            List.of(),
            List.of(
                new OutputParameter(
                    "out", null, "{{steps.gen.outputs.result}}", null, null, null)));
    Template outer =
        FlowPlans.steps(
            "outer",
            null,
            group(step("in", "inner")),
            group(step("use", "gen", Parameter.of("x", "{{steps.in.outputs.parameters.out}}"))));
    Template gen =
        Plans.template(
            "gen",
            null,
            List.of(new Parameter("x", null, "none", null)),
            "{{inputs.parameters.x}}");
    harness = harnesses.start(new ScriptedExecutor(r -> Step.succeed("node-1").printing("42")));

    WorkflowStatus status = harness.runToEnd(Plans.run(WF, FlowPlans.plan(outer, inner, gen)));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(harness.executor.requests().getLast().template().body().container().args())
        .containsExactly("42");
  }
}
