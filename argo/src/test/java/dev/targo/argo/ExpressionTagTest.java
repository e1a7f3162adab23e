package dev.targo.argo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code {{=…}}} expression tags as Argo substitutes them ({@code
 * util/template/expression_template.go} {@code expressionReplaceCore}, with the environment of
 * {@code util/expr/env/env.go} {@code GetFuncMap}), on the expressions of Argo's examples.
 */
class ExpressionTagTest {

  private static final String CONFIG =
      "{\"employees\": [{\"name\": \"Baris\", \"age\":43},{\"name\": \"Mo\", \"age\": 42},"
          + " {\"name\": \"Jai\", \"age\" :44}]}";

  @Test
  void arithmeticOnAParameterCastWithAsInt() {
    // expression-tag-template-workflow.yaml
    assertThat(
            Templating.substitute(
                "hello {{=asInt(inputs.parameters.foo) * 10}}",
                Map.of("inputs.parameters.foo", "3")))
        .isEqualTo("hello 30");
  }

  @Test
  void nonStringResultsAreInsertedAsGoJson() {
    assertThat(Templating.substitute("{{=toJson(filter([1, 3], {# > 1}))}}", Map.of()))
        .isEqualTo("[3]");
    assertThat(Templating.substitute("{{=filter([1, 3], # > 1)}}", Map.of())).isEqualTo("[3]");
    assertThat(Templating.substitute("{{=1 == 1}}", Map.of())).isEqualTo("true");
    assertThat(Templating.substitute("{{=10 / 4}}", Map.of())).isEqualTo("2.5");
    assertThat(Templating.substitute("{{=toJson({b: 1, a: 'x<'})}}", Map.of()))
        .as("keys sorted, < escaped as Go's encoder does")
        .isEqualTo("{\"a\":\"x\\u003c\",\"b\":1}");
  }

  @Test
  void aTagWhoseVariableIsNotKnownYetIsLeftForLater() {
    // withParam items are substituted per item: the template pass leaves {{=item}} alone.
    assertThat(Templating.substitute("{{=item}}", Map.of("inputs.parameters.x", "1")))
        .isEqualTo("{{=item}}");
    assertThat(Templating.substitute("{{=item}}", Map.of("item", "3"))).isEqualTo("3");
  }

  @Test
  void jsonpathDestructuresAParameter() {
    // expression-destructure-json-complex.yaml
    Map<String, String> vars = Map.of("workflow.parameters.config", CONFIG);
    assertThat(
            Templating.substitute(
                "{{=jsonpath(workflow.parameters.config,"
                    + " '$.employees[?(@.name==\"Baris\")].age')}}",
                vars))
        .isEqualTo("[43]");
    assertThat(
            Templating.substitute(
                "{{=jsonpath(workflow.parameters.config,"
                    + " '$.employees[?(@.age>42 && @.age<44)].age')}}",
                vars))
        .isEqualTo("[43]");
    assertThat(
            Templating.substitute(
                "{{=jsonpath(workflow.parameters.config, '$.employees[0:1]')}}", vars))
        .isEqualTo("[{\"age\":43,\"name\":\"Baris\"}]");
    assertThat(
            Templating.substitute(
                "{{=jsonpath(workflow.parameters.config, '$.employees[*].name')}}", vars))
        .isEqualTo("[\"Baris\",\"Mo\",\"Jai\"]");
    // expression-destructure-json.yaml
    assertThat(
            Templating.substitute(
                "{{=jsonpath(workflow.parameters.json, '$.a')}}",
                Map.of("workflow.parameters.json", "{\"a\": \"1\", \"b\": 2}")))
        .isEqualTo("1");
  }

  @Test
  void mapOverAnAliasedValueWithSprigArithmetic() {
    // expression-reusing-verbose-snippets.yaml: the base64 holds {"temps": [34, 27, 15, 57, 46]}
    String weekTemps =
        Templating.substitute(
            """
            {{=
              map([
                  jsonpath(sprig.b64dec(jsonpath(workflow.parameters.weather, '$.weekWeather')), '$.temps')
                ], {
                  toJson({
                    avg: sprig.add(#[0], #[1], #[2], #[3], #[4]) / 5,
                    min: sprig.min(#[0], #[1], #[2], #[3], #[4]),
                    max: sprig.max(#[0], #[1], #[2], #[3], #[4])
                  })
              })[0]
            }}""",
            Map.of(
                "workflow.parameters.weather",
                "{\"weekWeather\": \"eyJ0ZW1wcyI6IFszNCwgMjcsIDE1LCA1NywgNDZdfQo=\"}"));
    assertThat(weekTemps).isEqualTo("{\"avg\":35.8,\"max\":57,\"min\":15}");
    Map<String, String> vars = Map.of("inputs.parameters.week-temps", weekTemps);
    assertThat(
            Templating.substitute("{{=jsonpath(inputs.parameters['week-temps'], '$.avg')}}", vars))
        .isEqualTo("35.8");
    assertThat(
            Templating.substitute("{{=jsonpath(inputs.parameters['week-temps'], '$.min')}}", vars))
        .isEqualTo("15");
  }

  @Test
  void bracketsReachNamesWithDashes() {
    // conditionals.yaml
    assertThat(
            Templating.substitute(
                "{{= inputs.parameters[\"should-print\"] == 'true'}}",
                Map.of("inputs.parameters.should-print", "true")))
        .isEqualTo("true");
    assertThat(
            Templating.substitute(
                "{{=jsonpath(workflow.parameters.json, '$[0].value') == 'true'}}",
                Map.of("workflow.parameters.json", "[{\"value\": \"true\"}]")))
        .isEqualTo("true");
  }

  @Test
  void nilCoalescingReadsThroughAMissingOutput() {
    // skipped-output-defaults/expression-fallback.yaml: the producer was skipped
    assertThat(
            Templating.substitute(
                "{{=tasks.producer.outputs.parameters.msg ?? 'expr-fallback'}}",
                Map.of("tasks.producer.status", "Skipped")))
        .isEqualTo("expr-fallback");
    assertThat(
            Templating.substitute(
                "{{=tasks.producer.outputs.parameters.msg ?? 'expr-fallback'}}",
                Map.of("tasks.producer.outputs.parameters.msg", "hi")))
        .isEqualTo("hi");
  }

  @Test
  void sprigDateFormatsAGivenTimeWithGoLayouts() {
    assertThat(
            Templating.substitute(
                "{{=sprig.date('2006', workflow.creationTimestamp)}}",
                Map.of("workflow.creationTimestamp", "2024-05-06T07:08:09Z")))
        .isEqualTo("2024");
    assertThat(
            Templating.substitute(
                "{{=sprig.date('Jan _2 15:04:05.000 2006', workflow.creationTimestamp)}}",
                Map.of("workflow.creationTimestamp", "2024-05-06T17:08:09Z")))
        .isEqualTo("May  6 17:08:09.000 2024");
  }

  @Test
  void anEvaluationErrorIsArgosFailedToEvaluate() {
    assertThatThrownBy(
            () ->
                Templating.substitute(
                    "{{=asInt(inputs.parameters.x)}}", Map.of("inputs.parameters.x", "six")))
        .isInstanceOf(TemplatingException.class)
        .hasMessageStartingWith("failed to evaluate expression: ")
        .hasMessageContaining("int(six)");
    assertThat(
            Templating.substitute(
                "{{=inputs.parameters.missing}}", Map.of("inputs.parameters.x", "1")))
        .as("a present parent with a missing leaf is left for later, as Argo's hasVarInEnv")
        .isEqualTo("{{=inputs.parameters.missing}}");
  }
}
