package dev.targo.worker.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.targo.argo.plan.ContinueOn;
import dev.targo.argo.plan.DagTask;
import dev.targo.argo.plan.Depends;
import dev.targo.argo.plan.Loop;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.Step;
import dev.targo.argo.plan.StepGroup;
import dev.targo.argo.plan.TaskResult;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.plan.WorkflowPlan;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Plans with steps and DAG templates for workflow tests, straight from the api records. */
public final class FlowPlans {
  private FlowPlans() {}

  public static Step step(String name, String template, Parameter... args) {
    return new Step(name, template, List.of(args), null, null, null);
  }

  public static Step when(Step s, String when) {
    return new Step(s.name(), s.template(), s.arguments(), when, s.loop(), s.continueOn());
  }

  public static Step loop(Step s, Loop loop) {
    return new Step(s.name(), s.template(), s.arguments(), s.when(), loop, s.continueOn());
  }

  public static Step continueOnFailed(Step s) {
    return new Step(
        s.name(), s.template(), s.arguments(), s.when(), s.loop(), new ContinueOn(true, false));
  }

  public static Loop items(String... values) {
    List<JsonNode> items =
        Arrays.stream(values).map(v -> (JsonNode) JsonNodeFactory.instance.textNode(v)).toList();
    return new Loop.Items(items);
  }

  public static StepGroup group(Step... steps) {
    return new StepGroup(List.of(steps));
  }

  public static Template steps(String name, RetryStrategySpec retry, StepGroup... groups) {
    return flow(name, new TemplateBody.StepsBody(List.of(groups)), retry, List.of(), List.of());
  }

  public static Template flow(
      String name,
      TemplateBody body,
      RetryStrategySpec retry,
      List<Parameter> inputs,
      List<OutputParameter> outputs) {
    return new Template(
        name, body, inputs, retry, null, null, Map.of(), null, List.of(), null, null, null,
        outputs);
  }

  public static DagTask task(String name, String template, String... dependencies) {
    Depends condition = null;
    for (String dep : dependencies) {
      Depends ok =
          new Depends.Or(
              new Depends.Or(
                  new Depends.Result(dep, TaskResult.Succeeded),
                  new Depends.Result(dep, TaskResult.Skipped)),
              new Depends.Result(dep, TaskResult.Daemoned));
      condition = condition == null ? ok : new Depends.And(condition, ok);
    }
    return new DagTask(
        name, template, List.of(), List.of(dependencies), null, condition, null, null, null);
  }

  public static DagTask depends(DagTask t, Depends condition, String... dependencies) {
    return new DagTask(
        t.name(),
        t.template(),
        t.arguments(),
        List.of(dependencies),
        condition.toString(),
        condition,
        t.when(),
        t.loop(),
        t.continueOn());
  }

  public static DagTask loop(DagTask t, Loop loop) {
    return new DagTask(
        t.name(),
        t.template(),
        t.arguments(),
        t.dependencies(),
        t.depends(),
        t.condition(),
        t.when(),
        loop,
        t.continueOn());
  }

  public static Template dag(String name, boolean failFast, DagTask... tasks) {
    return flow(
        name, new TemplateBody.DagBody(List.of(tasks), null, failFast), null, List.of(), List.of());
  }

  /** A plan whose entrypoint is the first template. */
  public static WorkflowPlan plan(Template... templates) {
    Map<String, Template> byName = new LinkedHashMap<>();
    for (Template t : templates) {
      byName.put(t.name(), t);
    }
    return new WorkflowPlan(
        null,
        "wf-",
        null,
        Map.of(),
        Map.of(),
        templates[0].name(),
        List.of(),
        byName,
        null,
        null,
        null);
  }
}
