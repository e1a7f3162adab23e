package dev.targo.worker.workflow.flow;

import static dev.targo.worker.support.FlowPlans.group;
import static dev.targo.worker.support.FlowPlans.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.NodeRun;
import dev.targo.argo.Json;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.FlowPlans;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A fan-out of 100 items in a plan of 30 templates: each child workflow is started with the part of
 * the plan it can reach, not the whole plan, so the parent's history does not hold 100 copies of
 * it. Prints the history sizes it measured (a benchmark for the reader, asserted on content, not on
 * time).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FanOutHistorySizeTest {
  private static final String WF = "wide";
  private static final int ITEMS = 100;
  private static final int UNUSED_TEMPLATES = 28;

  private Harness harness;
  private WorkflowStatus status;
  private List<WorkflowExecutionHistory> parentRuns;

  @BeforeAll
  void runTheFanOut() {
    harness = new Harness(new ScriptedExecutor(r -> Step.succeed("node-1").printing("ok")));
    status = harness.runToEnd(Plans.run(WF, plan()));
    parentRuns = harness.runs(WF);
    long parentBytes = parentRuns.stream().mapToLong(h -> h.getHistory().getSerializedSize()).sum();
    long childBytes =
        harness.runs(WF + "/" + WF + "[0].each(0:0)").getFirst().getHistory().getSerializedSize();
    System.out.printf(
        "fan-out of %d items, plan of %d templates (%d bytes as JSON): parent history %d bytes"
            + " in %d events, one child's history %d bytes%n",
        ITEMS,
        UNUSED_TEMPLATES + 2,
        Json.mapper().valueToTree(plan()).toString().length(),
        parentBytes,
        parentRuns.stream().mapToInt(h -> h.getEvents().size()).sum(),
        childBytes);
  }

  @AfterAll
  void close() {
    harness.close();
  }

  @Test
  void everyItemRunsAndTheFanOutSucceeds() {
    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(status.progress()).isEqualTo(ITEMS + "/" + ITEMS);
  }

  @Test
  void eachChildIsStartedWithOnlyTheTemplateItRuns() throws Exception {
    List<NodeRun> starts = new ArrayList<>();
    for (HistoryEvent e : parentRuns.getFirst().getEvents()) {
      if (e.getEventType() == EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED) {
        String json =
            e.getStartChildWorkflowExecutionInitiatedEventAttributes()
                .getInput()
                .getPayloads(0)
                .getData()
                .toStringUtf8();
        starts.add(Json.mapper().readValue(json, NodeRun.class));
      }
    }

    assertThat(starts).hasSize(ITEMS);
    assertThat(starts).allSatisfy(r -> assertThat(r.plan().templates()).containsOnlyKeys("echo"));
  }

  /** {@code main} loops over 100 items calling {@code echo}; 28 more templates are never called. */
  private static WorkflowPlan plan() {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < ITEMS; i++) {
      items.add(Integer.toString(i));
    }
    Template main =
        FlowPlans.steps(
            "main",
            null,
            group(
                FlowPlans.loop(
                    step("each", "echo", Parameter.of("msg", "{{item}}")),
                    FlowPlans.items(items.toArray(String[]::new)))));
    List<Template> templates = new ArrayList<>(List.of(main, echo("echo")));
    for (int i = 0; i < UNUSED_TEMPLATES; i++) {
      templates.add(echo("other-" + i));
    }
    return FlowPlans.plan(templates.toArray(Template[]::new));
  }

  /** A script template of a typical size: image, command, a few lines of source, an env var. */
  private static Template echo(String name) {
    ContainerSpec container =
        new ContainerSpec(
            "python:3.12-alpine",
            List.of("python"),
            List.of(),
            List.of(),
            null,
            null,
            List.of(),
            null,
            null);
    String source =
        """
        import json, os, sys
        msg = "{{inputs.parameters.msg}}"
        print(json.dumps({"template": "%s", "message": msg, "pid": os.getpid()}))
        sys.exit(0)
        """
            .formatted(name);
    return new Template(
        name,
        new TemplateBody.ScriptBody(container, source),
        List.of(new Parameter("msg", null, "none", null)),
        null,
        null,
        null,
        Map.of("kubernetes.io/os", "linux"),
        null,
        List.of(),
        null,
        null,
        null);
  }
}
