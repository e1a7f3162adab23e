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
  void pendingTimeoutIsPlannedOnPodTemplatesAndRefusedOnStepsTemplatesAsArgoDoes() {
    String yaml =
        steps("")
            .replace(
                "  templates:\n", "  templateDefaults:\n    pendingTimeout: 5m\n  templates:\n");

    var plan = ((Translation.Ok) Translator.translate("flow.yaml", yaml)).plan();
    assertThat(plan.template("main").pendingTimeout()).isNull();
    assertThat(plan.template("leaf").pendingTimeout()).isEqualTo("5m");

    String onSteps =
        steps("").replaceFirst("(?m)^  - name: main\n", "  - name: main\n    pendingTimeout: 1m\n");
    assertThat(problems(onSteps))
        .anyMatch(
            p ->
                p.contains("a steps template doesn't support the `pendingTimeout` field")
                    && p.startsWith("9:21: "));
  }

  @Test
  void aLiteralPendingTimeoutMustBeADuration() {
    String yaml =
        steps("")
            .replaceFirst("(?m)^  - name: leaf\n", "  - name: leaf\n    pendingTimeout: soon\n");
    assertThat(problems(yaml)).anyMatch(p -> p.contains("`pendingTimeout`: unable to parse soon"));
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

  private static final String GLOBAL =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        generateName: global-
      spec:
        entrypoint: main
        onExit: done
        templates:
        - name: main
          steps:
          - - name: gen
              template: gen
          - - name: use
              template: done
        - name: gen
          container:
            image: alpine:3.20
          outputs:
            parameters:
            - name: out
              valueFrom:
                path: /tmp/out
              globalName: GLOBAL_NAME
        - name: done
          container:
            image: alpine:3.20
            args: ["{{REFERENCE}}"]
      """;

  @Test
  void outputParameterGlobalNameIsPlannedAndReferableFromEveryTemplate() {
    String yaml =
        GLOBAL
            .replace("GLOBAL_NAME", "my-global")
            .replace("REFERENCE", "workflow.outputs.parameters.my-global");

    Translation t = Translator.translate("global.yaml", yaml);

    assertThat(problems(yaml)).isEmpty();
    var plan = ((Translation.Ok) t).plan();
    assertThat(plan.template("gen").outputs().getFirst().globalName()).isEqualTo("my-global");
  }

  @Test
  void referenceToAGlobalNameNoOutputExportsIsAnUnknownReferenceAtItsPosition() {
    String yaml =
        GLOBAL
            .replace("GLOBAL_NAME", "my-global")
            .replace("REFERENCE", "workflow.outputs.parameters.other");

    assertThat(problems(yaml))
        .singleElement()
        .asString()
        .startsWith("27:15:")
        .contains("refers to an output parameter no `globalName` of the workflow exports");
  }

  @Test
  void invalidOrTemplatedGlobalNameIsRefusedAtItsPosition() {
    String invalid = GLOBAL.replace("GLOBAL_NAME", "a.b").replace("REFERENCE", "workflow.name");
    String templated =
        GLOBAL
            .replace("GLOBAL_NAME", "\"{{workflow.name}}\"")
            .replace("REFERENCE", "workflow.name");

    assertThat(problems(invalid))
        .singleElement()
        .asString()
        .startsWith("23:")
        .contains("parameter name `a.b` is invalid");
    assertThat(problems(templated))
        .singleElement()
        .asString()
        .startsWith("23:")
        .contains("`globalName` made of `{{…}}`");
  }
}
