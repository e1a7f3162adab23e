package dev.targo.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.argo.plan.RetryStrategySpec;
import dev.targo.argo.plan.WorkflowPlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Behaviour of the public API that fixtures do not show: formats, limits, overrides. */
class TranslatorTest {
  private static final String SEED =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        generateName: retry-backoff-
      spec:
        entrypoint: retry-backoff
        templates:
        - name: retry-backoff
          retryStrategy:
            limit: 10
            retryPolicy: "Always"
            backoff:
              duration: "1"
              factor: 2
              maxDuration: "1m"
            affinity:
              nodeAntiAffinity: {}
          container:
            image: python:alpine3.6
            command: ["python", -c]
            args: ["import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"]
      """;

  private static final String SEED_AS_HERA_JSON =
      """
      {"apiVersion": "argoproj.io/v1alpha1", "kind": "Workflow",
       "metadata": {"generateName": "retry-backoff-"},
       "spec": {"entrypoint": "retry-backoff", "templates": [{"name": "retry-backoff",
         "retryStrategy": {"limit": "10", "retryPolicy": "Always",
           "backoff": {"duration": "1", "factor": "2", "maxDuration": "1m"},
           "affinity": {"nodeAntiAffinity": {}}},
         "container": {"image": "python:alpine3.6", "command": ["python", "-c"],
           "args": ["import random; import sys; exit_code = random.choice([0, 1, 1]); sys.exit(exit_code)"]}}]}}
      """;

  @Test
  void problemPrintsAsFileLineColumnCodeMessage() {
    Problem problem =
        new Problem("wf.yaml", 12, 5, "UNKNOWN_FIELD", "unknown field `x` in template");

    assertThat(problem).hasToString("wf.yaml:12:5: UNKNOWN_FIELD unknown field `x` in template");
  }

  @Test
  void failedTranslationSortsItsProblemsByLineColumnAndCode() {
    Problem late = new Problem("f", 9, 1, "A", "m");
    Problem sameLineLaterColumn = new Problem("f", 2, 7, "A", "m");
    Problem sameSpotLaterCode = new Problem("f", 2, 3, "B", "m");
    Problem first = new Problem("f", 2, 3, "A", "m");

    Translation.Failed failed =
        new Translation.Failed(List.of(late, sameLineLaterColumn, sameSpotLaterCode, first));

    assertThat(failed.problems())
        .containsExactly(first, sameSpotLaterCode, sameLineLaterColumn, late);
  }

  @Test
  void failedTranslationRefusesAnEmptyProblemList() {
    assertThatThrownBy(() -> new Translation.Failed(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void problemsNameTheFileTheyWereGiven() {
    Translation translation = Translator.translate("flows/bad.yaml", "kind: [");

    assertThat(((Translation.Failed) translation).problems())
        .extracting(Problem::toString)
        .allMatch(s -> s.startsWith("flows/bad.yaml:"));
  }

  @Test
  void heraJsonWithNumbersAsStringsGivesTheSamePlanAsTheSeedYaml() {
    WorkflowPlan fromYaml = plan(Translator.translate("seed.yaml", SEED));
    WorkflowPlan fromJson = plan(Translator.translate("seed.json", SEED_AS_HERA_JSON));

    assertThat(fromJson).isEqualTo(fromYaml);
  }

  @Test
  void overrideGivesAValueToAnArgumentThatHasNone() {
    String text =
        SEED.replace("  entrypoint:", "  arguments: {parameters: [{name: who}]}\n  entrypoint:");
    assertThat(Translator.translate("wf.yaml", text)).isInstanceOf(Translation.Failed.class);

    WorkflowPlan plan = plan(Translator.translate("wf.yaml", text, Map.of("who", "me")));

    assertThat(plan.arguments())
        .extracting(p -> p.name() + "=" + p.value())
        .containsExactly("who=me");
  }

  @Test
  void deeplyNestedDocumentIsRefusedWithAProblemNotAStackOverflow() {
    String text = SEED + "  podGC: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";

    assertThat(problems(Translator.translate("deep.yaml", text)))
        .containsExactly(
            "deep.yaml:22:108: YAML_LIMIT the document nests deeper than 100 levels, the most"
                + " targo reads");
  }

  @Test
  void documentOverThreeMebibytesIsRefusedBeforeParsing() {
    String text = SEED + "# " + "x".repeat(3 * 1024 * 1024) + "\n";

    assertThat(problems(Translator.translate("big.yaml", text)))
        .containsExactly(
            "big.yaml:1:1: YAML_LIMIT the document has more than 3145728 characters (3 MiB), the"
                + " most targo reads");
  }

  @Test
  void secondDocumentInTheStreamIsASyntaxProblemAtItsStart() {
    assertThat(problems(Translator.translate("two.yaml", SEED + "---\nkind: Workflow\n")))
        .containsExactly(
            "two.yaml:22:1: YAML_SYNTAX but found another document (expected a single document in"
                + " the stream at line 1, column 1)");
  }

  @Test
  void emptyDocumentIsOneProblem() {
    assertThat(problems(Translator.translate("empty.yaml", "# nothing\n")))
        .containsExactly(
            "empty.yaml:1:1: WRONG_TYPE the document is empty; expected an Argo Workflow");
  }

  @Test
  void yamlMergeKeysAreHonouredAsArgoDoes() {
    String text =
        SEED.replace("    container:\n", "    container:\n      <<: {imagePullPolicy: Never}\n");

    WorkflowPlan plan = plan(Translator.translate("merge.yaml", text));

    assertThat(
            ((dev.targo.argo.plan.TemplateBody.PodBody) plan.template("retry-backoff").body())
                .container()
                .imagePullPolicy())
        .isEqualTo("Never");
  }

  @Test
  void emptyRetryStrategyIsKeptAsRetryUntilCompletion() {
    String text =
        SEED.replaceAll(
            "(?s)    retryStrategy:.*?nodeAntiAffinity: \\{}\n", "    retryStrategy: {}\n");

    WorkflowPlan plan = plan(Translator.translate("forever.yaml", text));

    assertThat(plan.template("retry-backoff").retryStrategy())
        .isEqualTo(new RetryStrategySpec(null, null, null, false, null));
  }

  @Test
  void nullRetryStrategyMeansNoRetries() {
    String text =
        SEED.replaceAll(
            "(?s)    retryStrategy:.*?nodeAntiAffinity: \\{}\n", "    retryStrategy:\n");

    WorkflowPlan plan = plan(Translator.translate("once.yaml", text));

    assertThat(plan.template("retry-backoff").retryStrategy()).isNull();
  }

  private static WorkflowPlan plan(Translation translation) {
    assertThat(translation).isInstanceOf(Translation.Ok.class);
    return ((Translation.Ok) translation).plan();
  }

  private static List<String> problems(Translation translation) {
    assertThat(translation).isInstanceOf(Translation.Failed.class);
    return ((Translation.Failed) translation).problems().stream().map(Problem::toString).toList();
  }
}
