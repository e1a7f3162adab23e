package dev.targo.worker.workflow.flow;

import static dev.targo.worker.support.FlowPlans.group;
import static dev.targo.worker.support.FlowPlans.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.PodNames;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.FlowPlans;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.Poll;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code spec.onExit}: run after the entrypoint whatever its outcome (Argo's exit handler). */
class ExitHandlerWorkflowTest {
  private static final String WF = "wf";

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;

  private WorkflowStatus run(Function<PodRequest, Step> script, WorkflowPlan plan) {
    harness = harnesses.start(new ScriptedExecutor(script));
    return harness.runToEnd(Plans.run(WF, plan));
  }

  private static WorkflowPlan withExit(WorkflowPlan p, String onExit) {
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
        p.podGc(),
        p.serviceAccountName(),
        onExit);
  }

  private static String arg(PodRequest r) {
    return r.template().body().container().args().getFirst();
  }

  @Test
  void theExitHandlerSeesTheWorkflowsStatusAndFailures() {
    Template main = FlowPlans.steps("main", null, group(step("bad", "work")));
    Template work = Plans.container("work", null, "work");
    Template exit = Plans.container("exit", null, "{{workflow.status}} {{workflow.failures}}");

    WorkflowStatus status =
        run(
            r -> r.nodeName().equals("wf[0].bad") ? Step.fail("node-1") : Step.succeed("node-1"),
            withExit(FlowPlans.plan(main, work, exit), "exit"));

    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    NodeStatus onExit = status.nodes().get(PodNames.nodeId(WF, "wf.onExit"));
    assertThat(onExit.displayName()).isEqualTo("onExit");
    assertThat(onExit.phase()).isEqualTo(NodePhase.Succeeded);
    String exitArg = arg(harness.executor.requests().getLast());
    // Argo's operator.go substitutes strconv.Quote(json.Marshal(failures)): a quoted JSON string.
    assertThat(exitArg)
        .startsWith("Failed \"[{\\\"displayName\\\":\\\"wf\\\",\\\"message\\\":\\\"child '")
        .endsWith("}]\"")
        .contains(
            "{\\\"displayName\\\":\\\"bad\\\",\\\"message\\\":\\\"main: Error (exit code 1)\\\","
                + "\\\"templateName\\\":\\\"work\\\",\\\"phase\\\":\\\"Failed\\\",\\\"podName\\\":\\\""
                + PodNames.podName(WF, "wf[0].bad", "work")
                + "\\\"");
  }

  @Test
  void aFailingExitHandlerFailsASucceededWorkflowWithItsMessage() {
    Template main = FlowPlans.steps("main", null, group(step("ok", "work")));
    Template work = Plans.container("work", null, "work");
    Template exit = Plans.container("exit", null, "exit");

    WorkflowStatus status =
        run(
            r -> r.nodeName().equals("wf.onExit") ? Step.fail("node-1") : Step.succeed("node-1"),
            withExit(FlowPlans.plan(main, work, exit), "exit"));

    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(status.message()).isEqualTo("main: Error (exit code 1)");
  }

  @Test
  void aStoppedStepsWorkflowStartsNoFurtherGroupButStillRunsItsExitHandler() {
    Template main =
        FlowPlans.steps("main", null, group(step("long", "work")), group(step("never", "work")));
    Template work = Plans.container("work", null, "work");
    Template exit = Plans.container("exit", null, "{{workflow.status}}");
    harness =
        harnesses.start(
            new ScriptedExecutor(
                r ->
                    r.nodeName().equals("wf[0].long")
                        ? Step.succeed("node-1").runningFor(java.time.Duration.ofSeconds(5))
                        : Step.succeed("node-1")));
    dev.targo.api.temporal.ArgoWorkflow workflow =
        harness.start(Plans.run(WF, withExit(FlowPlans.plan(main, work, exit), "exit")));
    Poll.until(() -> !harness.executor.requests().isEmpty());

    workflow.stop("Stop");
    WorkflowStatus status = Harness.result(workflow);

    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(status.message()).isEqualTo("Stopped with strategy 'Stop'");
    assertThat(harness.executor.requests())
        .extracting(PodRequest::nodeName)
        .containsExactly("wf[0].long", "wf.onExit");
    assertThat(arg(harness.executor.requests().getLast())).isEqualTo("Failed");
  }

  @Test
  void aContainerEntrypointRetriedForEverContinuesAsNewAndTheExitHandlerRunsOnceAtTheEnd() {
    Template main = Plans.container("main", Plans.retryForever(), "main");
    Template exit = Plans.container("exit", null, "{{workflow.status}}");
    WorkflowPlan plan =
        withExit(
            new WorkflowPlan(
                null,
                "wf-",
                null,
                java.util.Map.of(),
                java.util.Map.of(),
                "main",
                java.util.List.of(),
                java.util.Map.of("main", main, "exit", exit),
                null,
                null,
                null),
            "exit");

    WorkflowStatus status =
        run(
            r ->
                r.nodeName().startsWith("wf(") && r.attempt() < 120
                    ? Step.fail("node-1")
                    : Step.succeed("node-1"),
            plan);

    assertThat(harness.runs(WF)).hasSize(2);
    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(status.progress()).isEqualTo("2/122");
    assertThat(status.omittedNodes()).isEqualTo(21);
    assertThat(harness.executor.requests())
        .filteredOn(r -> r.nodeName().equals("wf.onExit"))
        .extracting(ExitHandlerWorkflowTest::arg)
        .containsExactly("Succeeded");
  }
}
