package dev.targo.worker.workflow.flow;

import static dev.targo.worker.support.FlowPlans.task;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.targo.argo.PodNames;
import dev.targo.argo.plan.ContinueOn;
import dev.targo.argo.plan.DagTask;
import dev.targo.argo.plan.Depends;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.TaskResult;
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

/** DAG templates: dependencies, depends, Omitted, failFast, continueOn, loops (§8). */
class DagWorkflowTest {
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

  private static Function<PodRequest, Step> failing(String... names) {
    return r ->
        List.of(names).contains(r.nodeName()) ? Step.fail("node-1") : Step.succeed("node-1");
  }

  @Test
  void aDiamondRunsEachTaskOnceItsDependenciesHaveSucceeded() {
    Template dag =
        FlowPlans.dag(
            "diamond",
            true,
            task("A", "echo"),
            task("B", "echo", "A"),
            task("C", "echo", "A"),
            task("D", "echo", "B", "C"));

    WorkflowStatus status = run(failing(), FlowPlans.plan(dag, echo()));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    List<String> order = harness.executor.requests().stream().map(PodRequest::nodeName).toList();
    assertThat(order).hasSize(4).startsWith("wf.A").endsWith("wf.D");
    assertThat(order.subList(1, 3)).containsExactlyInAnyOrder("wf.B", "wf.C");
    assertThat(status.nodes().values())
        .extracting(NodeStatus::name, NodeStatus::displayName, NodeStatus::type)
        .containsExactly(
            tuple(WF, WF, NodeType.DAG),
            tuple("wf.A", "A", NodeType.Pod),
            tuple("wf.B", "B", NodeType.Pod),
            tuple("wf.C", "C", NodeType.Pod),
            tuple("wf.D", "D", NodeType.Pod));
    assertThat(status.nodes().get(PodNames.nodeId(WF, "wf.B")).children())
        .containsExactly(PodNames.nodeId(WF, "wf.D"));
  }

  @Test
  void aTaskWhoseDependsDoesNotHoldIsOmittedAndTheDagTakesTheFailedBranchPhase() {
    Template dag =
        FlowPlans.dag(
            "dag",
            true,
            task("A", "echo"),
            task("B", "echo", "A"),
            FlowPlans.depends(task("C", "echo"), new Depends.Result("A", TaskResult.Failed), "A"));

    WorkflowStatus status = run(failing("wf.A"), FlowPlans.plan(dag, echo()));

    NodeStatus b = status.nodes().get(PodNames.nodeId(WF, "wf.B"));
    assertThat(b)
        .extracting(NodeStatus::type, NodeStatus::phase, NodeStatus::message)
        .containsExactly(NodeType.Skipped, NodePhase.Omitted, "omitted: depends condition not met");
    assertThat(status.nodes().get(PodNames.nodeId(WF, "wf.C")).phase())
        .isEqualTo(NodePhase.Succeeded);
    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
  }

  @Test
  void continueOnFailedKeepsAFailedLeafFromFailingTheDag() {
    DagTask a = task("A", "echo");
    DagTask flaky =
        new DagTask(
            "B", "echo", List.of(), List.of(), null, null, null, null, new ContinueOn(true, false));

    WorkflowStatus status =
        run(failing("wf.B"), FlowPlans.plan(FlowPlans.dag("dag", true, a, flaky), echo()));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
  }

  @Test
  void withoutFailFastEveryIndependentTaskStillRunsAfterAFailure() {
    Template dag =
        FlowPlans.dag("dag", false, task("A", "echo"), task("B", "echo"), task("C", "echo", "B"));

    WorkflowStatus status = run(failing("wf.A"), FlowPlans.plan(dag, echo()));

    assertThat(harness.executor.requests())
        .extracting(PodRequest::nodeName)
        .containsExactlyInAnyOrder("wf.A", "wf.B", "wf.C");
    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
  }

  @Test
  void aLoopedTaskIsATaskGroupAndItsAggregatedResultsFeedItsDependants() {
    Template dag =
        FlowPlans.dag(
            "dag",
            true,
            FlowPlans.loop(
                new DagTask(
                    "sq",
                    "echo",
                    List.of(Parameter.of("msg", "{{item}}")),
                    List.of(),
                    null,
                    null,
                    null,
                    null,
                    null),
                FlowPlans.items("a", "b")),
            new DagTask(
                "sum",
                "echo",
                List.of(Parameter.of("msg", "{{tasks.sq.outputs.result}}")),
                List.of("sq"),
                null,
                new Depends.Result("sq", TaskResult.AnySucceeded),
                null,
                null,
                null));

    WorkflowStatus status =
        run(
            r ->
                Step.succeed("node-1")
                    .printing("\"" + r.template().body().container().args().getFirst() + "\""),
            FlowPlans.plan(dag, echo()));

    assertThat(status.nodes().values())
        .extracting(NodeStatus::name, NodeStatus::type)
        .containsExactly(
            tuple(WF, NodeType.DAG),
            tuple("wf.sq", NodeType.TaskGroup),
            tuple("wf.sq(0:a)", NodeType.Pod),
            tuple("wf.sq(1:b)", NodeType.Pod),
            tuple("wf.sum", NodeType.Pod));
    assertThat(harness.executor.requests().getLast().template().body().container().args())
        .containsExactly("[\"a\",\"b\"]");
  }

  @Test
  void aTargetRunsOnlyItselfAndWhatItDependsOn() {
    Template dag =
        FlowPlans.flow(
            "dag",
            new dev.targo.argo.plan.TemplateBody.DagBody(
                List.of(task("A", "echo"), task("B", "echo", "A"), task("C", "echo")), "B", true),
            null,
            List.of(),
            List.of());

    WorkflowStatus status = run(failing(), FlowPlans.plan(dag, echo()));

    assertThat(harness.executor.requests())
        .extracting(PodRequest::nodeName)
        .containsExactly("wf.A", "wf.B");
    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
  }

  @Test
  void aWhenThatCannotBeEvaluatedIsAnErrorNodeAndFailsTheDag() {
    DagTask bad = new DagTask("A", "echo", List.of(), List.of(), null, null, "1 +", null, null);

    WorkflowStatus status = run(failing(), FlowPlans.plan(FlowPlans.dag("dag", true, bad), echo()));

    NodeStatus a = status.nodes().get(PodNames.nodeId(WF, "wf.A"));
    assertThat(a.type()).isEqualTo(NodeType.Skipped);
    assertThat(a.phase()).isEqualTo(NodePhase.Error);
    assertThat(a.message()).startsWith("Invalid 'when' expression '1 +'");
    assertThat(status.phase()).isEqualTo(NodePhase.Error);
    assertThat(harness.executor.requests()).isEmpty();
  }
}
