package dev.targo.translator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.ExitHook;
import dev.targo.argo.plan.LifecycleHook;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.TemplateBody;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Step and task exit hooks read as Argo's {@code WorkflowStep.GetExitHook} and {@code
 * DAGTask.GetExitHook} give them: {@code onExit} first, else {@code hooks.exit}; other lifecycle
 * hooks are kept with their expression, which must be there and parse.
 */
class ExitHookTranslationTest {

  private static final String STEPS =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: wf
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - name: hello
              template: say
              hooks:
                exit:
                  template: cleanup
                  arguments:
                    parameters:
                    - name: seen
                      value: "{{steps.hello.outputs.result}}"
          - - name: two
              template: say
              onExit: cleanup
        - name: say
          container: {image: busybox, command: [echo, hi]}
        - name: cleanup
          inputs: {parameters: [{name: seen, default: none}]}
          container: {image: busybox, command: [echo, "{{inputs.parameters.seen}}"]}
      """;

  private static List<String> problems(String text) {
    return Translator.translate("wf.yaml", text).all().stream().map(Problem::toString).toList();
  }

  @Test
  void anExitHookMayNameItsStepsOwnOutputsAndOnExitPassesTheWorkflowsArguments() {
    Translation t = Translator.translate("wf.yaml", STEPS);

    assertThat(t.all()).isEmpty();
    var steps = (TemplateBody.StepsBody) ((Translation.Ok) t).plan().template("main").body();
    assertThat(steps.groups().get(0).steps().get(0).exitHook())
        .isEqualTo(
            new ExitHook(
                "cleanup",
                List.of(new Parameter("seen", "{{steps.hello.outputs.result}}", null, null))));
    assertThat(steps.groups().get(1).steps().get(0).exitHook())
        .isEqualTo(new ExitHook("cleanup", null));
  }

  @Test
  void aStepsOtherFieldsStillCannotNameItsOwnOutputs() {
    String self =
        STEPS.replace(
            "template: say\n        hooks:",
            "template: say\n        when: \"{{steps.hello.status}} == x\"\n        hooks:");
    assertThat(self).isNotEqualTo(STEPS);

    assertThat(problems(self)).singleElement().asString().contains("UNKNOWN_REFERENCE");
  }

  @Test
  void otherLifecycleHooksAreKeptWithTheirExpressionAndMayNameTheStepsOwnOutputs() {
    String hooked =
        STEPS.replace(
            "          exit:\n",
            """
                      running:
                        expression: steps.hello.status == "Running"
                        template: cleanup
                        arguments:
                          parameters:
                          - name: seen
                            value: "{{steps.hello.outputs.result}}"
                      exit:
            """);
    Translation t = Translator.translate("wf.yaml", hooked);

    assertThat(t.all()).isEmpty();
    var steps = (TemplateBody.StepsBody) ((Translation.Ok) t).plan().template("main").body();
    assertThat(steps.groups().get(0).steps().get(0).hooks())
        .containsExactly(
            new LifecycleHook(
                "running",
                "cleanup",
                List.of(new Parameter("seen", "{{steps.hello.outputs.result}}", null, null)),
                "steps.hello.status == \"Running\""));
    assertThat(steps.groups().get(1).steps().get(0).hooks()).isEmpty();
  }

  @Test
  void aHookWithoutAnExpressionOrWithABrokenOneAndAMissingHookTemplateAreReportedWhereTheyAre() {
    String bad =
        STEPS
            .replace(
                "          exit:\n",
                "          running:\n            template: cleanup\n"
                    + "          done:\n            expression: \"steps.hello.status ==\"\n"
                    + "            template: cleanup\n          exit:\n")
            .replace("onExit: cleanup", "onExit: clean");

    assertThat(problems(bad))
        .hasSize(3)
        .satisfies(
            p ->
                assertThat(p.get(0))
                    .isEqualTo(
                        "wf.yaml:13:11: MISSING_FIELD hook `running` of step `hello` needs an"
                            + " `expression`"),
            p ->
                assertThat(p.get(1))
                    .startsWith(
                        "wf.yaml:16:25: INVALID_VALUE `expression` of hook `done` of step `hello`"
                            + " is not a valid expression"),
            p ->
                assertThat(p.get(2))
                    .isEqualTo(
                        "wf.yaml:26:17: UNKNOWN_TEMPLATE template `clean` does not exist; did you"
                            + " mean `cleanup`?"));
  }
}
