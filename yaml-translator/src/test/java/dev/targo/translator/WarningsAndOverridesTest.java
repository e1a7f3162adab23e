package dev.targo.translator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Warnings (the file runs) and the check of {@code -p} names against what the file declares. */
class WarningsAndOverridesTest {

  private static String workflow(String retryStrategy, String arguments, String args) {
    return """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          name: wf
        spec:
          entrypoint: main
        %s
          templates:
          - name: main
        %s
            container:
              image: alpine:3
              command: [sh, -c]
              args: ["%s"]
        """
        .formatted(arguments, retryStrategy, args);
  }

  @Test
  void retryWithoutLimitAndWithoutBackoffIsAWarningAtTheRetryStrategyAndTheFileRuns() {
    Translation t =
        Translator.translate("wf.yaml", workflow("    retryStrategy: {}", "", "exit 1"));

    assertThat(t).isInstanceOf(Translation.Ok.class);
    assertThat(t.warnings())
        .extracting(Problem::toString)
        .containsExactly(
            "wf.yaml:10:5: warning: UNBOUNDED_RETRY `retryStrategy` retries without `limit` and"
                + " without `backoff`: a failing pod is restarted at once, for ever; set a"
                + " `limit`, a `backoff`, or both");
  }

  @Test
  void workflowLevelRetryWithoutLimitAndBackoffIsReportedOnceWhateverTheTemplates() {
    String text =
        workflow("", "  retryStrategy: {retryPolicy: Always}", "exit 1")
            .replace(
                "  - name: main\n",
                "  - name: other\n    container: {image: alpine:3}\n  - name: main\n");

    Translation t = Translator.translate("wf.yaml", text);

    assertThat(t.warnings()).extracting(Problem::code).containsExactly("UNBOUNDED_RETRY");
    assertThat(t.warnings().get(0).line()).isEqualTo(7);
  }

  @Test
  void aLimitOrABackoffAloneIsEnoughToSilenceTheWarning() {
    Translation limited =
        Translator.translate("wf.yaml", workflow("    retryStrategy: {limit: 3}", "", "exit 1"));
    Translation slowed =
        Translator.translate(
            "wf.yaml", workflow("    retryStrategy: {backoff: {duration: 5s}}", "", "exit 1"));
    Translation templated =
        Translator.translate(
            "wf.yaml",
            workflow(
                "    retryStrategy: {limit: '{{workflow.parameters.n}}'}",
                "  arguments: {parameters: [{name: n, value: '2'}]}",
                "exit 1"));

    assertThat(limited.warnings()).isEmpty();
    assertThat(slowed.warnings()).isEmpty();
    assertThat(templated.warnings()).isEmpty();
  }

  @Test
  void warningsComeWithTheProblemsOfAFailedFileInLineOrder() {
    String text =
        workflow("    retryStrategy: {}", "", "exit 1").replace("image: alpine:3", "imag: x");

    Translation t = Translator.translate("wf.yaml", text);

    assertThat(t).isInstanceOf(Translation.Failed.class);
    assertThat(t.all())
        .extracting(p -> p.line() + " " + p.code() + " " + p.warning())
        .containsExactly(
            "10 UNBOUNDED_RETRY true", "11 MISSING_FIELD false", "12 UNKNOWN_FIELD false");
  }

  @Test
  void aMisspeltParameterIsAnErrorWithTheDeclaredNameSuggested() {
    String text =
        workflow(
            "",
            "  arguments: {parameters: [{name: message, value: hi}]}",
            "echo {{workflow.parameters.message}}");

    Translation t = Translator.translate("wf.yaml", text, Map.of("mesage", "hello"));

    assertThat(((Translation.Failed) t).problems())
        .extracting(Problem::toString)
        .containsExactly(
            "wf.yaml:5:1: UNKNOWN_PARAMETER `-p mesage=…` names no parameter of"
                + " `spec.arguments.parameters`, and nothing reads"
                + " `{{workflow.parameters.mesage}}`; did you mean `message`?");
  }

  @Test
  void anUndeclaredParameterOfAWorkflowWithoutArgumentsSaysItDeclaresNone() {
    Translation t = Translator.translate("wf.yaml", workflow("", "", "echo hi"), Map.of("x", "1"));

    assertThat(((Translation.Failed) t).problems())
        .extracting(Problem::message)
        .containsExactly(
            "`-p x=…` names no parameter of `spec.arguments.parameters`, and nothing reads"
                + " `{{workflow.parameters.x}}`; this workflow declares no parameters");
  }

  @Test
  void anUndeclaredParameterThatTheFileReadsIsAddedAsArgoAddsIt() {
    Translation one =
        Translator.translate(
            "wf.yaml",
            workflow("", "", "echo {{workflow.parameters.extra}}"),
            Map.of("extra", "1"));
    Translation all =
        Translator.translate(
            "wf.yaml", workflow("", "", "echo {{workflow.parameters.json}}"), Map.of("extra", "1"));

    assertThat(one).isInstanceOf(Translation.Ok.class);
    assertThat(((Translation.Ok) one).plan().arguments())
        .extracting(p -> p.name() + "=" + p.value())
        .containsExactly("extra=1");
    assertThat(all).isInstanceOf(Translation.Ok.class);
  }
}
