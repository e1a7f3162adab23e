package dev.targo.argo.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.targo.argo.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The steps and dag plan records survive the payload JSON mapper unchanged. */
class FlowRecordsTest {
  private static final Depends A_OK =
      new Depends.Or(
          new Depends.Result("a", TaskResult.Succeeded),
          new Depends.Result("a", TaskResult.Skipped));

  static Template template(TemplateBody body) {
    return new Template(
        "flow",
        body,
        List.of(new Parameter("p", null, "x", null, List.of("x", "y"))),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        List.of(new OutputParameter("out", null, "{{steps.s.outputs.result}}", null, "d", null)));
  }

  @Test
  void stepsTemplateRoundTripsThroughPayloadJson() throws Exception {
    var f = JsonNodeFactory.instance;
    Step step =
        new Step(
            "s",
            "leaf",
            List.of(Parameter.of("m", "{{item.k}}")),
            "{{inputs.parameters.p}} == x",
            new Loop.Items(List.of(f.objectNode().put("k", 1), f.textNode("two"))),
            new ContinueOn(true, false));
    Step counted =
        new Step("c", "leaf", List.of(), null, new Loop.Sequence("3", null, null, "%02d"), null);
    Step param = new Step("w", "leaf", List.of(), null, new Loop.Param("[1]"), null);
    Template t =
        template(new TemplateBody.StepsBody(List.of(new StepGroup(List.of(step, counted, param)))));

    String json = Json.mapper().writeValueAsString(t);

    assertThat(Json.mapper().readValue(json, Template.class)).isEqualTo(t);
    assertThat(json).contains("\"kind\":\"steps\"", "\"kind\":\"withItems\"");
  }

  @Test
  void dagTemplateRoundTripsThroughPayloadJson() throws Exception {
    DagTask task =
        new DagTask(
            "b",
            "leaf",
            List.of(),
            List.of("a"),
            "a && !c.Failed",
            new Depends.And(A_OK, new Depends.Not(new Depends.Result("c", TaskResult.Failed))),
            null,
            null,
            null);
    Template t = template(new TemplateBody.DagBody(List.of(task), "b", false));

    String json = Json.mapper().writeValueAsString(t);

    assertThat(Json.mapper().readValue(json, Template.class)).isEqualTo(t);
    assertThat(json).contains("\"kind\":\"dag\"", "\"op\":\"and\"");
  }

  @Test
  void workflowPlanRoundTripsWithItsExitHandler() throws Exception {
    WorkflowPlan plan =
        new WorkflowPlan(
            "wf", null, null, null, null, "flow", List.of(), Map.of(), null, null, null, "bye");

    String json = Json.mapper().writeValueAsString(plan);

    assertThat(Json.mapper().readValue(json, WorkflowPlan.class).onExit()).isEqualTo("bye");
  }

  @Test
  void olderConstructorsLeaveTheNewComponentsEmpty() {
    WorkflowPlan plan =
        new WorkflowPlan("wf", null, null, null, null, "e", null, null, null, null, null);
    Parameter p = new Parameter("p", "v", null, null);
    Template t =
        new Template("t", null, null, null, null, null, null, null, null, null, null, null);

    assertThat(plan.onExit()).isNull();
    assertThat(p.enumValues()).isEmpty();
    assertThat(t.outputs()).isEmpty();
  }

  @Test
  void planFromAnOlderClientWithoutTheNewFieldsIsRead() throws Exception {
    String json = "{\"name\":\"p\",\"value\":\"v\",\"defaultValue\":null,\"description\":null}";

    assertThat(Json.mapper().readValue(json, Parameter.class))
        .isEqualTo(new Parameter("p", "v", null, null, List.of()));
  }

  @Test
  void stepsAndDagTemplatesHaveNoContainerOfTheirOwn() {
    TemplateBody steps = new TemplateBody.StepsBody(List.of());

    assertThatThrownBy(steps::container)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("StepsBody runs other templates, not a container of its own");
  }
}
