package dev.targo.argo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.targo.argo.plan.Affinity;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.ContinueOn;
import dev.targo.argo.plan.DagTask;
import dev.targo.argo.plan.Depends;
import dev.targo.argo.plan.Loop;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.PodMetadata;
import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.Step;
import dev.targo.argo.plan.StepGroup;
import dev.targo.argo.plan.TaskResult;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplatingTest {

  private static final Map<String, String> VARS =
      Map.of("retries", "2", "inputs.parameters.n", "10", "empty", "");

  @ParameterizedTest(name = "[{0}] -> [{1}]")
  @CsvSource(
      delimiter = '|',
      value = {
        "attempt {{retries}}|attempt 2",
        "attempt {{ retries }}|attempt 2",
        "{{inputs.parameters.n}}{{retries}}|102",
        "x{{empty}}y|xy",
        "{{unknown}} stays|{{unknown}} stays",
        "{{ unknown }} stays|{{ unknown }} stays",
        "{{=asInt(retries) + 1}}|3",
        "open {{retries|open {{retries",
        "no tags|no tags",
        "{{retries}}}|2}",
        "a {{ {{retries}}|a {{ {{retries}}",
      })
  void substitutesKnownNamesAndLeavesTheRestAsWritten(String text, String expected) {
    assertThat(Templating.substitute(text, VARS)).isEqualTo(expected);
  }

  @Test
  void substitutingNullGivesNull() {
    assertThat(Templating.substitute((String) null, VARS)).isNull();
  }

  @Test
  void listsReferencesTrimmedInOrder() {
    assertThat(Templating.references("{{ b }} and {{a}} then {{b}} and {{open"))
        .containsExactly("b", "a", "b");
  }

  @Test
  void substitutesEveryStringOfATemplate() {
    var f = JsonNodeFactory.instance;
    ContainerSpec container =
        new ContainerSpec(
            "img:{{retries}}",
            List.of("sh", "{{retries}}"),
            List.of("--n={{inputs.parameters.n}}"),
            List.of(
                new ContainerSpec.EnvVar("A", "{{retries}}", null),
                new ContainerSpec.EnvVar(
                    "B", null, f.objectNode().put("fieldPath", "x{{retries}}"))),
            "/w/{{retries}}",
            f.objectNode().set("limits", f.objectNode().put("cpu", "{{retries}}")),
            List.of(f.objectNode().put("mountPath", "/m{{retries}}")),
            null,
            "{{retries}}");
    Template t =
        new Template(
            "main",
            new TemplateBody.ScriptBody(container, "echo {{retries}}"),
            List.of(new Parameter("p", "{{retries}}", "d{{retries}}", "keep {{retries}}")),
            new RetryStrategySpec(
                "{{inputs.parameters.n}}",
                "{{retries}}",
                new RetryStrategySpec.BackoffSpec(
                    "{{retries}}", "{{retries}}", "c{{retries}}", "m{{retries}}"),
                true,
                "asInt(lastRetry.exitCode) > {{retries}}"),
            "{{inputs.parameters.n}}",
            "{{retries}}s",
            Map.of("zone", "z{{retries}}"),
            new Affinity(
                new Affinity.NodeAffinity(
                    new Affinity.NodeSelector(
                        List.of(
                            new Affinity.NodeSelectorTerm(
                                List.of(
                                    new Affinity.NodeSelectorRequirement(
                                        "k", "In", List.of("v{{retries}}"))),
                                List.of()))),
                    null),
                null,
                null),
            List.of(f.objectNode().put("key", "t{{retries}}")),
            new PodMetadata(Map.of("l", "l{{retries}}"), Map.of("a", "a{{retries}}")),
            "{\"x\":\"{{retries}}\"}",
            "sa-{{retries}}");

    Template out = Templating.substitute(t, VARS);

    ContainerSpec c = out.body().container();
    assertThat(c.image()).isEqualTo("img:2");
    assertThat(c.command()).containsExactly("sh", "2");
    assertThat(c.args()).containsExactly("--n=10");
    assertThat(c.env().get(0).value()).isEqualTo("2");
    assertThat(c.env().get(1).valueFrom().get("fieldPath").asText()).isEqualTo("x2");
    assertThat(c.workingDir()).isEqualTo("/w/2");
    assertThat(c.resources().get("limits").get("cpu").asText()).isEqualTo("2");
    assertThat(c.volumeMounts().get(0).get("mountPath").asText()).isEqualTo("/m2");
    assertThat(c.imagePullPolicy()).isEqualTo("2");
    assertThat(((TemplateBody.ScriptBody) out.body()).source()).isEqualTo("echo 2");
    assertThat(out.inputs()).containsExactly(new Parameter("p", "2", "d2", "keep {{retries}}"));
    assertThat(out.retryStrategy())
        .isEqualTo(
            new RetryStrategySpec(
                "10",
                "2",
                new RetryStrategySpec.BackoffSpec("2", "2", "c2", "m2"),
                true,
                "asInt(lastRetry.exitCode) > 2"));
    assertThat(out.activeDeadlineSeconds()).isEqualTo("10");
    assertThat(out.timeout()).isEqualTo("2s");
    assertThat(out.nodeSelector()).containsExactly(Map.entry("zone", "z2"));
    assertThat(
            out.affinity()
                .nodeAffinity()
                .required()
                .nodeSelectorTerms()
                .get(0)
                .matchExpressions()
                .get(0)
                .values())
        .containsExactly("v2");
    assertThat(out.tolerations().get(0).get("key").asText()).isEqualTo("t2");
    assertThat(out.metadata().labels()).containsExactly(Map.entry("l", "l2"));
    assertThat(out.metadata().annotations()).containsExactly(Map.entry("a", "a2"));
    assertThat(out.podSpecPatch()).isEqualTo("{\"x\":\"2\"}");
    assertThat(out.serviceAccountName()).isEqualTo("sa-2");
    assertThat(out.name()).isEqualTo("main");
  }

  @Test
  void leavesTheOriginalTemplateUntouched() {
    ContainerSpec container =
        new ContainerSpec(
            "img", List.of(), List.of("{{retries}}"), null, null, null, null, null, null);
    Template t =
        new Template(
            "main",
            new TemplateBody.ContainerBody(container),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    Templating.substitute(t, VARS);
    assertThat(t.body().container().args()).containsExactly("{{retries}}");
  }

  @Test
  void substitutesStepArgumentsConditionsAndLoopsButKeepsNamesAndLaterReferences() {
    var f = JsonNodeFactory.instance;
    Step step =
        new Step(
            "s-{{retries}}",
            "leaf",
            List.of(Parameter.of("m", "{{inputs.parameters.n}} {{steps.a.outputs.result}}")),
            "{{retries}} > 1",
            new Loop.Items(
                List.of(f.textNode("{{retries}}"), f.objectNode().put("k", "{{retries}}"))),
            null);
    Template t = withBody(new TemplateBody.StepsBody(List.of(new StepGroup(List.of(step)))));

    Step out =
        ((TemplateBody.StepsBody) Templating.substitute(t, VARS).body())
            .groups()
            .get(0)
            .steps()
            .get(0);

    assertThat(out.name()).isEqualTo("s-{{retries}}");
    assertThat(out.arguments()).containsExactly(Parameter.of("m", "10 {{steps.a.outputs.result}}"));
    assertThat(out.when()).isEqualTo("2 > 1");
    assertThat(out.loop())
        .isEqualTo(new Loop.Items(List.of(f.textNode("2"), f.objectNode().put("k", "2"))));
  }

  @Test
  void substitutesTaskLoopsAndTheDagTargetButKeepsTheCondition() {
    Depends condition = new Depends.Result("a", TaskResult.Succeeded);
    DagTask task =
        new DagTask(
            "b",
            "leaf",
            List.of(),
            List.of("a"),
            "a.Succeeded",
            condition,
            null,
            new Loop.Sequence("{{inputs.parameters.n}}", "{{retries}}", null, "%d"),
            new ContinueOn(false, true));
    Template t = withBody(new TemplateBody.DagBody(List.of(task), "b{{retries}}", true));

    TemplateBody.DagBody out = (TemplateBody.DagBody) Templating.substitute(t, VARS).body();

    assertThat(out.target()).isEqualTo("b2");
    assertThat(out.tasks().get(0).loop()).isEqualTo(new Loop.Sequence("10", "2", null, "%d"));
    assertThat(out.tasks().get(0).condition()).isEqualTo(condition);
    assertThat(out.tasks().get(0).continueOn()).isEqualTo(new ContinueOn(false, true));
  }

  @Test
  void substitutesOutputParametersAndKeepsInputEnums() {
    Template t =
        new Template(
            "t",
            null,
            List.of(new Parameter("p", "{{retries}}", null, null, List.of("{{retries}}"))),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(new OutputParameter("o", "/tmp/{{retries}}", null, null, "{{retries}}", "d")));

    Template out = Templating.substitute(t, VARS);

    assertThat(out.inputs())
        .containsExactly(new Parameter("p", "2", null, null, List.of("{{retries}}")));
    assertThat(out.outputs())
        .containsExactly(new OutputParameter("o", "/tmp/2", null, null, "2", "d"));
  }

  private static Template withBody(TemplateBody body) {
    return new Template("t", body, null, null, null, null, null, null, null, null, null, null);
  }
}
