package dev.targo.argo.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.DagTask;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.PodGc;
import dev.targo.argo.plan.Step;
import dev.targo.argo.plan.StepGroup;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.plan.WorkflowPlan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildPlansTest {

  private static Template pod(String name) {
    ContainerSpec c =
        new ContainerSpec(
            "alpine", List.of("true"), List.of(), List.of(), null, null, null, null, null);
    return template(name, new TemplateBody.ContainerBody(c));
  }

  private static Template steps(String name, String... called) {
    List<StepGroup> groups =
        java.util.Arrays.stream(called)
            .map(t -> new StepGroup(List.of(new Step("s-" + t, t, List.of(), null, null, null))))
            .toList();
    return template(name, new TemplateBody.StepsBody(groups));
  }

  private static Template dag(String name, String... called) {
    List<DagTask> tasks =
        java.util.Arrays.stream(called)
            .map(t -> new DagTask("t-" + t, t, List.of(), List.of(), null, null, null, null, null))
            .toList();
    return template(name, new TemplateBody.DagBody(tasks, null, true));
  }

  private static Template template(String name, TemplateBody body) {
    return new Template(
        name, body, List.of(), null, null, null, Map.of(), null, List.of(), null, null, null);
  }

  private static WorkflowPlan plan(Template... templates) {
    Map<String, Template> byName = new LinkedHashMap<>();
    for (Template t : templates) {
      byName.put(t.name(), t);
    }
    return new WorkflowPlan(
        "wf",
        null,
        "ns",
        Map.of("team", "a"),
        Map.of("note", "b"),
        templates[0].name(),
        List.of(Parameter.of("p", "1")),
        byName,
        60L,
        new PodGc(PodGc.Strategy.OnPodSuccess),
        "runner",
        "exit");
  }

  private static final WorkflowPlan PLAN =
      plan(
          steps("main", "outer", "leaf-a"),
          dag("outer", "inner", "leaf-b"),
          steps("inner", "leaf-c", "leaf-c"),
          pod("leaf-a"),
          pod("leaf-b"),
          pod("leaf-c"),
          pod("unused"),
          steps("exit", "leaf-d"),
          pod("leaf-d"));

  @Test
  void keepsEveryTemplateReachableThroughStepsAndTasksInDeclarationOrder() {
    WorkflowPlan child = ChildPlans.forTemplate(PLAN, "outer");

    assertThat(child.templates().keySet()).containsExactly("outer", "inner", "leaf-b", "leaf-c");
  }

  @Test
  void aPodTemplatesPlanHoldsThatTemplateAlone() {
    assertThat(ChildPlans.forTemplate(PLAN, "leaf-a").templates()).containsOnlyKeys("leaf-a");
  }

  @Test
  void keepsTheSpecFieldsNodeWorkflowsReadAndDropsTheRest() {
    WorkflowPlan child = ChildPlans.forTemplate(PLAN, "inner");

    assertThat(child.entrypoint()).isEqualTo("inner");
    assertThat(child.name()).isEqualTo("wf");
    assertThat(child.namespace()).isEqualTo("ns");
    assertThat(child.podGc()).isEqualTo(new PodGc(PodGc.Strategy.OnPodSuccess));
    assertThat(child.serviceAccountName()).isEqualTo("runner");
    assertThat(child.activeDeadlineSeconds()).isEqualTo(60L);
    assertThat(child.onExit()).isNull();
    assertThat(child.arguments()).isEmpty();
    assertThat(child.labels()).isEmpty();
    assertThat(child.annotations()).isEmpty();
  }

  @Test
  void aTemplateThatCallsItselfIsKeptOnce() {
    WorkflowPlan recursive = plan(steps("loop", "loop", "leaf-a"), pod("leaf-a"), pod("unused"));

    assertThat(ChildPlans.forTemplate(recursive, "loop").templates().keySet())
        .containsExactly("loop", "leaf-a");
  }

  @Test
  void aCallOfAMissingTemplateIsLeftForTheChildToReport() {
    WorkflowPlan broken = plan(steps("main", "missing", "leaf-a"), pod("leaf-a"));

    assertThat(ChildPlans.forTemplate(broken, "main").templates().keySet())
        .containsExactly("main", "leaf-a");
  }

  @Test
  void pruningAPrunedPlanAgainChangesNothing() {
    WorkflowPlan once = ChildPlans.forTemplate(PLAN, "outer");

    assertThat(ChildPlans.forTemplate(once, "outer")).isEqualTo(once);
  }
}
