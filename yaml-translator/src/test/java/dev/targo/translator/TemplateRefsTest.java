package dev.targo.translator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.plan.WorkflowPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code templateRef} and {@code workflowTemplateRef} resolved as Argo resolves them: {@code
 * workflow/templateresolution/context.go} (which template a reference and a name inside a
 * referenced template mean) and {@code workflow/util/merge.go} {@code JoinWorkflowSpec} (how a
 * workflow joins the spec of the template it refers to).
 */
class TemplateRefsTest {

  private static final String PRINT_MESSAGE =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: WorkflowTemplate
      metadata:
        name: print
      spec:
        templates:
        - name: print-message
          inputs:
            parameters:
            - name: message
          container:
            image: busybox
            command: [echo]
            args: ["{{inputs.parameters.message}}"]
        - name: twice
          steps:
          - - name: one
              template: print-message
              arguments:
                parameters: [{name: message, value: one}]
          - - name: two
              template: print-message
              arguments:
                parameters: [{name: message, value: two}]
      """;

  private static final String CALLER =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        generateName: caller-
      spec:
        entrypoint: main
        templates:
        - name: main
          steps:
          - - name: hello
              templateRef:
                name: print
                template: %s
              arguments:
                parameters: [{name: message, value: hi}]
      """;

  private static Document document(String file, String text) {
    List<Document> documents = Documents.split(file, text).documents();
    assertThat(documents).hasSize(1);
    return documents.get(0);
  }

  private static TemplateLookup lookup(String... texts) {
    List<Document> documents = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      documents.addAll(Documents.split("t" + i + ".yaml", texts[i]).documents());
    }
    return TemplateLookup.of(documents);
  }

  private static WorkflowPlan plan(Translation translation) {
    assertThat(translation.all()).isEmpty();
    return ((Translation.Ok) translation).plan();
  }

  private static List<String> problems(Translation translation) {
    return translation.all().stream().map(Problem::toString).toList();
  }

  @Test
  void aTemplateRefRunsTheReferencedTemplateUnderItsOwnName() {
    Translation t =
        Translator.translate(
            document("wf.yaml", CALLER.formatted("print-message")),
            lookup(PRINT_MESSAGE),
            Map.of());

    WorkflowPlan plan = plan(t);
    assertThat(plan.templates()).containsOnlyKeys("main", "print-message");
    TemplateBody.StepsBody main = (TemplateBody.StepsBody) plan.templates().get("main").body();
    assertThat(main.groups().get(0).steps().get(0).template()).isEqualTo("print-message");
    assertThat(plan.templates().get("print-message").body())
        .isInstanceOf(TemplateBody.ContainerBody.class);
  }

  @Test
  void aNameInsideAReferencedTemplateMeansTheTemplateOfItsOwnWorkflowTemplate() {
    // The caller has a print-message of its own; `twice` must still call the WorkflowTemplate's
    // (templateresolution: WithTemplateHolder switches the base to the referenced template).
    String caller =
        CALLER.formatted("twice")
            + """
              - name: print-message
                script:
                  image: alpine
                  source: echo mine
            """;

    WorkflowPlan plan =
        plan(Translator.translate(document("wf.yaml", caller), lookup(PRINT_MESSAGE), Map.of()));

    assertThat(plan.templates())
        .containsOnlyKeys("main", "print-message", "twice", "print-message-2");
    TemplateBody.StepsBody twice = (TemplateBody.StepsBody) plan.templates().get("twice").body();
    assertThat(twice.groups())
        .extracting(g -> g.steps().get(0).template())
        .containsExactly("print-message-2", "print-message-2");
    assertThat(plan.templates().get("print-message").body())
        .isInstanceOf(TemplateBody.ScriptBody.class);
    assertThat(plan.templates().get("print-message-2").body())
        .isInstanceOf(TemplateBody.ContainerBody.class);
  }

  @Test
  void clusterScopeSelectsTheClusterWorkflowTemplateOfThatName() {
    String cluster =
        PRINT_MESSAGE
            .replace("kind: WorkflowTemplate", "kind: ClusterWorkflowTemplate")
            .replace("image: busybox", "image: cluster-busybox");
    String caller =
        CALLER
            .formatted("print-message")
            .replace(
                "template: print-message", "template: print-message\n          clusterScope: true");

    WorkflowPlan plan =
        plan(
            Translator.translate(
                document("wf.yaml", caller), lookup(PRINT_MESSAGE, cluster), Map.of()));

    TemplateBody.ContainerBody body =
        (TemplateBody.ContainerBody) plan.templates().get("print-message").body();
    assertThat(body.container().image()).isEqualTo("cluster-busybox");
  }

  @Test
  void aMissingWorkflowTemplateIsOneProblemAtTheReference() {
    Translation t =
        Translator.translate(
            document("wf.yaml", CALLER.formatted("print-message")), TemplateLookup.NONE, Map.of());

    assertThat(problems(t))
        .containsExactly(
            "wf.yaml:11:9: UNKNOWN_TEMPLATE WorkflowTemplate `print` not found in namespace"
                + " `default`: create it with `targo template create`, or give its file on the"
                + " same command line");
  }

  @Test
  void aMissingTemplateInsideTheWorkflowTemplateSuggestsTheClosestName() {
    Translation t =
        Translator.translate(
            document("wf.yaml", CALLER.formatted("print-mesage")), lookup(PRINT_MESSAGE), Map.of());

    assertThat(problems(t))
        .containsExactly(
            "wf.yaml:11:9: UNKNOWN_TEMPLATE template `print-mesage` not found in WorkflowTemplate"
                + " `print`; did you mean `print-message`?");
  }

  @Test
  void aProblemInsideAReferencedTemplateIsReportedAtTheReference() {
    String broken = PRINT_MESSAGE.replace("image: busybox", "image: busybox\n      imagez: x");

    Translation t =
        Translator.translate(
            document("wf.yaml", CALLER.formatted("print-message")), lookup(broken), Map.of());

    assertThat(problems(t))
        .hasSize(1)
        .first()
        .asString()
        .startsWith("wf.yaml:11:9: UNKNOWN_FIELD unknown field `imagez`");
  }

  private static final String SUBMITTABLE =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: WorkflowTemplate
      metadata:
        name: submittable
      spec:
        entrypoint: print-message
        arguments:
          parameters:
          - name: message
            value: hello world
          - name: other
            value: from the template
        templates:
        - name: print-message
          inputs:
            parameters:
            - name: message
          container:
            image: busybox
            command: [echo]
            args: ["{{inputs.parameters.message}} {{workflow.parameters.other}}"]
      """;

  @Test
  void aWorkflowTemplateRefTakesEntrypointAndTemplatesFromTheTemplate() {
    String caller =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: ref-
        spec:
          workflowTemplateRef:
            name: submittable
        """;

    Translation t =
        Translator.translate(document("wf.yaml", caller), lookup(SUBMITTABLE), Map.of());

    WorkflowPlan plan = plan(t);
    assertThat(plan.entrypoint()).isEqualTo("print-message");
    assertThat(plan.arguments())
        .extracting(Parameter::name, Parameter::effectiveValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("message", "hello world"),
            org.assertj.core.groups.Tuple.tuple("other", "from the template"));
    assertThat(((Translation.Ok) t).stored().has("storedWorkflowTemplateSpec")).isTrue();
    assertThat(
            ((Translation.Ok) t)
                .stored()
                .path("storedWorkflowTemplateSpec")
                .path("entrypoint")
                .asText())
        .isEqualTo("print-message");
  }

  @Test
  void theWorkflowsArgumentsAndEntrypointWinOverTheTemplatesAsJoinWorkflowSpecMerges() {
    String caller =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Workflow
        metadata:
          generateName: ref-
        spec:
          entrypoint: print-message
          arguments:
            parameters:
            - name: message
              value: from the workflow
            - name: other
            - name: extra
              value: added
          workflowTemplateRef:
            name: submittable
        """;

    WorkflowPlan plan =
        plan(Translator.translate(document("wf.yaml", caller), lookup(SUBMITTABLE), Map.of()));

    // A parameter with a value replaces the template's whole; one without keeps the template's
    // value (the strategic merge by name); one the template lacks is added.
    assertThat(plan.arguments())
        .extracting(Parameter::name, Parameter::effectiveValue)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("message", "from the workflow"),
            org.assertj.core.groups.Tuple.tuple("other", "from the template"),
            org.assertj.core.groups.Tuple.tuple("extra", "added"));
  }

  @Test
  void aTemplateRefRecordsTheTemplateItRanUnderArgosStoredTemplatesKey() {
    Translation t =
        Translator.translate(
            document("wf.yaml", CALLER.formatted("twice")), lookup(PRINT_MESSAGE), Map.of());

    plan(t);
    assertThat(((Translation.Ok) t).stored().path("storedTemplates").fieldNames())
        .toIterable()
        .containsExactly("namespaced/print/twice", "namespaced/print/print-message");
  }

  @Test
  void aWorkflowTemplateIsLintedWithoutEntrypointAndWithWorkflowParametersLeftToTheCaller() {
    String template =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata:
          name: lib
        spec:
          templates:
          - name: say
            inputs:
              parameters:
              - name: message
            container:
              image: busybox
              args: ["{{inputs.parameters.message}} {{workflow.parameters.who}}"]
        """;

    Translation t = Translator.lint(document("lib.yaml", template), TemplateLookup.NONE);

    assertThat(t).isInstanceOf(Translation.Checked.class);
    assertThat(t.all()).isEmpty();
  }

  @Test
  void aWorkflowTemplateStillHasItsOwnProblemsReportedInItsOwnFile() {
    String template = PRINT_MESSAGE.replace("image: busybox", "image: busybox\n      imagez: x");

    Translation t = Translator.lint(document("lib.yaml", template), TemplateLookup.NONE);

    assertThat(problems(t))
        .containsExactly(
            "lib.yaml:13:7: UNKNOWN_FIELD unknown field `imagez` in container; did you mean"
                + " `image`?");
  }

  @Test
  void aFileSplitsIntoItsDocumentsAsArgoSplitsThem() {
    String text = PRINT_MESSAGE + "---\n" + "---\n" + CALLER.formatted("print-message");

    Documents.Split split = Documents.split("both.yaml", text);

    assertThat(split.problems()).isEmpty();
    assertThat(split.documents())
        .extracting(Document::kind, Document::name, Document::line)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("WorkflowTemplate", "print", 1),
            org.assertj.core.groups.Tuple.tuple("Workflow", null, 27));
    Document workflow = split.documents().get(1);
    assertThat(workflow.text()).startsWith("apiVersion: argoproj.io/v1alpha1\nkind: Workflow");
    // Positions stay those of the file: the reference is on line 37 of both.yaml.
    assertThat(problems(Translator.translate(workflow, TemplateLookup.NONE, Map.of())))
        .singleElement()
        .asString()
        .startsWith("both.yaml:37:9: UNKNOWN_TEMPLATE");
  }

  @Test
  void documentsBeforeASyntaxErrorAreKept() {
    String text = PRINT_MESSAGE + "---\nkind: [\n";

    Documents.Split split = Documents.split("broken.yaml", text);

    assertThat(split.documents()).extracting(Document::name).containsExactly("print");
    assertThat(split.problems()).singleElement().extracting(Problem::code).isEqualTo("YAML_SYNTAX");
  }

  private static final String INLINE =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        generateName: inline-
      spec:
        entrypoint: main
        templates:
        - name: main
          dag:
            tasks:
            - name: a
              arguments:
                parameters: [{name: message, value: hi}]
              inline:
                inputs:
                  parameters: [{name: message}]
                container:
                  image: busybox
                  command: [echo, "{{inputs.parameters.message}}"]
            - name: b
              depends: a
              inline:
                steps:
                - - name: inner
                    template: main-helper
        - name: a
          container: {image: busybox, command: ["true"]}
        - name: main-helper
          container: {image: busybox, command: ["true"]}
      """;

  @Test
  void anInlineTemplateRunsAsATemplateOfItsOwnNamedAfterItsStep() {
    // validate.go: an inline template's inputs are in scope; templateresolution stores it as the
    // node's own template. A user template of the same name keeps its name.
    WorkflowPlan plan = plan(Translator.translate(document("wf.yaml", INLINE), lookup(), Map.of()));

    TemplateBody.DagBody main = (TemplateBody.DagBody) plan.templates().get("main").body();
    assertThat(main.tasks()).extracting(t -> t.template()).containsExactly("a-2", "b");
    assertThat(plan.templates().get("a-2").body()).isInstanceOf(TemplateBody.ContainerBody.class);
    assertThat(plan.templates().get("a-2").inputs())
        .extracting(Parameter::name)
        .containsExactly("message");
    TemplateBody.StepsBody b = (TemplateBody.StepsBody) plan.templates().get("b").body();
    assertThat(b.groups().get(0).steps().get(0).template()).isEqualTo("main-helper");
  }

  @Test
  void anInlineTemplateInsideAWorkflowTemplateCallsThatTemplatesOwnTemplates() {
    String template =
        """
        apiVersion: argoproj.io/v1alpha1
        kind: WorkflowTemplate
        metadata:
          name: print
        spec:
          templates:
          - name: outer
            steps:
            - - name: wrap
                inline:
                  steps:
                  - - name: call
                      template: print-message
          - name: print-message
            container: {image: busybox, command: ["true"]}
        """;

    WorkflowPlan plan =
        plan(
            Translator.translate(
                document("wf.yaml", CALLER.formatted("outer").replace("hello", "x")),
                lookup(template),
                Map.of()));

    TemplateBody.StepsBody wrap = (TemplateBody.StepsBody) plan.templates().get("wrap").body();
    assertThat(wrap.groups().get(0).steps().get(0).template()).isEqualTo("print-message");
    assertThat(plan.templates().get("print-message").body())
        .isInstanceOf(TemplateBody.ContainerBody.class);
  }

  @Test
  void aStepWithBothTemplateAndInlineIsOneProblemAtTheInlineKey() {
    String both = INLINE.replace("depends: a\n", "depends: a\n        template: a\n");
    assertThat(both).isNotEqualTo(INLINE);

    assertThat(problems(Translator.translate(document("wf.yaml", both), lookup(), Map.of())))
        .singleElement()
        .asString()
        .contains("wf.yaml:23:9")
        .contains("one of `template`, `templateRef` or `inline`");
  }
}
