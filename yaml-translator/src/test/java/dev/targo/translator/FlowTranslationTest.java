package dev.targo.translator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.TemplateBody;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Steps and dag behaviour that the golden fixtures do not show on their own. */
class FlowTranslationTest {

  private static String steps(String step) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: flow-
        spec:
          entrypoint: main
          templates:
          - name: main
            steps:
            - - name: gen
                template: leaf
            - - name: use
                template: leaf
        %s
          - name: leaf
            container:
              image: alpine:3.20
        """
        .formatted(step);
  }

  private static List<String> problems(String yaml) {
    Translation t = Translator.translate("flow.yaml", yaml);
    return t instanceof Translation.Failed f
        ? f.problems().stream().map(p -> p.line() + ":" + p.column() + ": " + p.message()).toList()
        : List.of();
  }

  @Test
  void conditionWithAReferenceAfterADigitIsAcceptedBecauseANumberMakesItValid() {
    String yaml =
        steps(
            """
                    when: "5{{steps.gen.exitCode}} > 2"
            """);

    assertThat(problems(yaml)).isEmpty();
  }

  @Test
  void conditionProblemQuotesTheReferencesAsWritten() {
    String yaml =
        steps(
            """
                    when: "{{steps.gen.exitCode}} {{steps.gen.exitCode}} == 0"
            """);

    assertThat(problems(yaml))
        .containsExactly(
            "14:39: `when` is not a valid condition: Cannot transition token types from VARIABLE"
                + " [{{steps.gen.exitCode}}] to VARIABLE [{{steps.gen.exitCode}}]");
  }

  @Test
  void conditionThatAValueWithSpacesCouldBreakIsLeftForRunTime() {
    String yaml =
        steps(
            """
                    when: "{{steps.gen.outputs.result}} == done"
            """);

    assertThat(problems(yaml)).isEmpty();
  }

  @Test
  void stepsTemplateDoesNotTakeTimeoutDefaultsThatArgoAllowsOnPodTemplatesOnly() {
    String yaml =
        steps("")
            .replace(
                "  templates:\n",
                "  templateDefaults:\n    timeout: 1m\n    activeDeadlineSeconds: 9\n  templates:\n");

    Translation t = Translator.translate("flow.yaml", yaml);

    assertThat(t).isInstanceOf(Translation.Ok.class);
    var plan = ((Translation.Ok) t).plan();
    assertThat(plan.template("main").timeout()).isNull();
    assertThat(plan.template("main").body()).isInstanceOf(TemplateBody.StepsBody.class);
    assertThat(plan.template("leaf").timeout()).isEqualTo("1m");
    assertThat(plan.template("leaf").activeDeadlineSeconds()).isEqualTo("9");
  }

  @Test
  void emptyWithItemsIsNoLoopAsInArgo() {
    String yaml =
        steps(
            """
                    withItems: []
            """);

    Translation t = Translator.translate("flow.yaml", yaml);

    var main = (TemplateBody.StepsBody) ((Translation.Ok) t).plan().template("main").body();
    assertThat(main.groups().get(1).steps().get(0).loop()).isNull();
  }

  @Test
  void recursiveTemplatesAreAllowedAsInArgosCoinflip() {
    String yaml =
        steps(
                """
                    when: "{{steps.gen.outputs.result}} == again"
            """)
            .replace("name: use\n        template: leaf", "name: use\n        template: main");

    assertThat(problems(yaml)).isEmpty();
  }
}
