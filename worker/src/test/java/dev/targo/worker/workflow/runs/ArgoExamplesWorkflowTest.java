package dev.targo.worker.workflow.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.targo.api.Names;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.translator.Document;
import dev.targo.translator.Documents;
import dev.targo.translator.TemplateLookup;
import dev.targo.translator.Translation;
import dev.targo.translator.Translator;
import dev.targo.worker.executor.local.LocalExecutor;
import dev.targo.worker.executor.local.LocalExecutorOptions;
import dev.targo.worker.support.EnvClock;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.workflow.WorkerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Argo's own examples, unchanged, through the translator and the real workflow with the {@code
 * local} executor, each reaching the phase Argo's e2e suite expects. Set {@code ARGO_EXAMPLES_DIR}
 * to the {@code examples} folder of an argo-workflows checkout to run it; the examples are not kept
 * in this repository.
 */
class ArgoExamplesWorkflowTest {
  private static final String DIR = System.getenv("ARGO_EXAMPLES_DIR");

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;
  private LocalExecutor executor;

  @ParameterizedTest(name = "{0} ends {1}")
  @CsvSource({
    "hello-world, Succeeded",
    "steps, Succeeded",
    "dag-diamond, Succeeded",
    "dag-diamond-steps, Succeeded",
    "dag-multiroot, Succeeded",
    "dag-nested, Succeeded",
    "dag-enhanced-depends, Succeeded",
    "dag-continue-on-fail, Failed",
    "loops, Succeeded",
    "loops-dag, Succeeded",
    "loops-sequence, Succeeded",
    "loops-param-result, Succeeded",
    "arguments-parameters, Succeeded",
    "global-parameters, Succeeded",
    "scripts-bash, Succeeded",
    "scripts-python, Succeeded",
    "exit-code-output-variable, Succeeded",
    "output-parameter, Succeeded",
    // Four pods at once write /tmp/num: each in its own root, and Argo's one newline trimmed.
    "parameter-aggregation, Succeeded",
    "parameter-aggregation-dag, Succeeded",
    "coinflip, Succeeded",
    "dag-coinflip, Succeeded",
    "retry-with-steps, Succeeded",
    // Exit 1 or 2 at random: retried while 2 (asInt(lastRetry.duration) < 120 must evaluate).
    "retry-conditional, Failed",
    "exit-handlers, Failed",
    "timeouts-workflow, Failed",
    // The pods outlive their template's timeout: their activeDeadlineSeconds ends them.
    "step-level-timeout, Failed",
    "dag-task-level-timeout, Failed",
    // parallelism: 1 with failFast: the failing item stops the loop before the items after it.
    "loops-arbitrary-sequential-steps, Failed"
  })
  void runsTheExampleToThePhaseArgoExpects(String example, NodePhase expected) throws Exception {
    WorkflowStatus status = run(example);

    assertThat(status.phase()).as(status.message()).isEqualTo(expected);
    if (example.equals("output-parameter")) {
      // The parameter really travelled: the consumer printed the file the producer wrote.
      assertThat(status.nodes().values())
          .filteredOn(n -> n.displayName().equals("consume-parameter"))
          .extracting(n -> n.outputs().result())
          .containsExactly("hello world");
    }
    if (example.equals("exit-handlers")) {
      // {{workflow.failures}} is strconv.Quote'd JSON (operator.go): through `sh -c "echo …"` the
      // shell removes the quotes and escapes, and the e-mail line carries the JSON list itself.
      assertThat(status.nodes().values())
          .filteredOn(n -> n.displayName().equals("notify"))
          .extracting(n -> n.outputs().result())
          .singleElement()
          .asString()
          .containsPattern(
              "Failed steps \\[\\{\"displayName\":\"exit-handlers[^\"]*\",\"message\":\"main:"
                  + " Error \\(exit code 1\\)\",\"templateName\":\"intentional-fail\"");
    }
    if (example.startsWith("parameter-aggregation")) {
      assertThat(status.nodes().values())
          .filteredOn(n -> n.displayName().equals("print-evenness"))
          .extracting(n -> n.outputs().result())
          .containsExactly("[\"odd\",\"even\",\"odd\",\"even\"]");
      assertThat(status.nodes().values())
          .filteredOn(n -> n.displayName().startsWith("print("))
          .extracting(n -> n.outputs().result())
          .containsExactlyInAnyOrder("1", "2");
    }
  }

  /**
   * loops-param-argument.yaml (labelled {@code no-test} for Argo's image check, so out of {@link
   * ArgoConformanceTest}): each item's pod runs {@code cat /etc/os-release} and shows the display
   * name its template's annotation gives it from its inputs.
   */
  @Test
  void eachLoopItemShowsTheDisplayNameOfItsTemplate() throws Exception {
    WorkflowStatus status = run("loops-param-argument");

    assertThat(status.phase()).as(status.message()).isEqualTo(NodePhase.Succeeded);
    assertThat(status.nodes().values())
        .filteredOn(n -> n.type() == NodeType.Pod)
        .extracting(NodeStatus::displayName)
        .containsExactlyInAnyOrder(
            "os-debian-9.1", "os-debian-8.9", "os-alpine-3.6", "os-ubuntu-17.10");
  }

  /**
   * {@code {{=…}}} expression tags (Argo's {@code util/template/expression_template.go}): the
   * script prints what the expressions gave, as Argo's runs print it.
   */
  @ParameterizedTest(name = "{0} prints {1}")
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '`',
      value = {
        "expression-destructure-json => 123",
        "expression-destructure-json-complex =>"
            + " `[43][43][{\"age\":43,\"name\":\"Baris\"}][\"Baris\",\"Mo\",\"Jai\"]`",
        "expression-reusing-verbose-snippets => The week's average temperature was 35.8 with a"
            + " minimum of 15 and a maximum of 57."
      })
  void expressionTagsGiveWhatArgoGives(String example, String printed) throws Exception {
    WorkflowStatus status = run(example);

    assertThat(status.phase()).as(status.message()).isEqualTo(NodePhase.Succeeded);
    assertThat(status.nodes().values())
        .filteredOn(n -> n.type() == NodeType.Pod)
        .extracting(n -> n.outputs().result())
        .containsExactly(printed);
  }

  /**
   * {@code valueFrom.expression} picks the output of the branch that ran (Argo's {@code
   * wfScope.resolveParameter}); the coin is random, the choice must match it.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"conditional-parameters", "dag-conditional-parameters"})
  void anOutputExpressionPicksTheBranchThatRan(String example) throws Exception {
    WorkflowStatus status = run(example);

    assertThat(status.phase()).as(status.message()).isEqualTo(NodePhase.Succeeded);
    String coin =
        status.nodes().values().stream()
            .filter(n -> n.displayName().equals("flip-coin"))
            .findFirst()
            .orElseThrow()
            .outputs()
            .result();
    assertThat(coin).isIn("heads", "tails");
    NodeStatus root =
        status.nodes().values().stream()
            .filter(n -> n.type() == NodeType.Steps || n.type() == NodeType.DAG)
            .filter(n -> n.outputs() != null && !n.outputs().parameters().isEmpty())
            .findFirst()
            .orElseThrow();
    assertThat(root.outputs().parameters())
        .singleElement()
        .satisfies(p -> assertThat(p.value()).isEqualTo(coin));
  }

  /**
   * These examples fail each attempt with a probability of 2/3 under {@code limit: "10"}, so all 11
   * attempts fail about once in 90 runs. Argo's e2e suite expects Succeeded; the honest expectation
   * is Succeeded on the first attempt that passes, or Failed once every attempt did.
   */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"retry-script", "retry-container"})
  void aRandomlyFailingRetriedExampleSucceedsUnlessEveryAttemptFailed(String example)
      throws Exception {
    WorkflowStatus status = run(example);

    List<NodePhase> attempts =
        status.nodes().values().stream()
            .filter(n -> n.type() == NodeType.Pod)
            .sorted(Comparator.comparing(NodeStatus::name, ATTEMPT_ORDER))
            .map(NodeStatus::phase)
            .toList();
    if (status.phase() == NodePhase.Succeeded) {
      assertThat(attempts).hasSizeBetween(1, 11).endsWith(NodePhase.Succeeded);
      // Every attempt before the one that passed failed (none when the first one passed).
      assertThat(attempts.subList(0, attempts.size() - 1))
          .allSatisfy(p -> assertThat(p).isEqualTo(NodePhase.Failed));
    } else {
      assertThat(status.phase()).as(status.message()).isEqualTo(NodePhase.Failed);
      assertThat(status.message()).isEqualTo("No more retries left");
      assertThat(attempts).hasSize(11).containsOnly(NodePhase.Failed);
    }
  }

  /** Attempt nodes {@code wf(0)} … {@code wf(10)} by their index. */
  private static final Comparator<String> ATTEMPT_ORDER =
      Comparator.comparingInt(
          name -> Integer.parseInt(name.substring(name.lastIndexOf('(') + 1, name.length() - 1)));

  /**
   * The examples of {@code workflow-template/} and {@code cluster-workflow-template/}: each
   * workflow with the templates of that folder's template files, resolved as {@code targo submit}
   * resolves them from the store.
   */
  @ParameterizedTest(name = "{0} ends {1}")
  @CsvSource({
    "workflow-template/hello-world, Succeeded",
    "workflow-template/steps, Succeeded",
    "workflow-template/dag, Succeeded",
    "workflow-template/workflow-template-ref, Succeeded",
    "workflow-template/workflow-template-ref-with-entrypoint-arg-passing, Succeeded",
    "cluster-workflow-template/cluster-wftmpl-dag, Succeeded",
    "cluster-workflow-template/mixed-cluster-namespaced-wftmpl-steps, Succeeded",
    "cluster-workflow-template/workflow-template-ref, Succeeded",
    "cluster-workflow-template/workflow-template-ref-with-entrypoint-arg-passing, Succeeded"
  })
  void runsTheTemplateExampleToThePhaseArgoExpects(String example, NodePhase expected)
      throws Exception {
    assumeTrue(DIR != null && !DIR.isBlank(), "ARGO_EXAMPLES_DIR is not set");
    List<Document> templates = new ArrayList<>();
    for (String file :
        List.of(
            "workflow-template/templates.yaml",
            "cluster-workflow-template/clustertemplates.yaml")) {
      Path path = Path.of(DIR, file);
      templates.addAll(Documents.split(file, Files.readString(path)).documents());
    }
    Path file = Path.of(DIR, example + ".yaml");
    Document workflow = Documents.split(example, Files.readString(file)).documents().get(0);

    Translation translation =
        Translator.translate(workflow, TemplateLookup.of(templates), Map.of());
    assertThat(translation.all()).isEmpty();
    WorkflowStatus status = run(example.replace('/', '-'), ((Translation.Ok) translation).plan());

    assertThat(status.phase()).as(status.message()).isEqualTo(expected);
    assertThat(status.nodes().values())
        .filteredOn(n -> n.type() == NodeType.Pod)
        .allSatisfy(n -> assertThat(n.phase()).isEqualTo(NodePhase.Succeeded))
        .isNotEmpty();
  }

  private WorkflowStatus run(String example) throws Exception {
    assumeTrue(DIR != null && !DIR.isBlank(), "ARGO_EXAMPLES_DIR is not set");
    Path file = Path.of(DIR, example + ".yaml");
    Translation translation = Translator.translate(file.toString(), Files.readString(file));
    assertThat(translation).isInstanceOf(Translation.Ok.class);
    return run(example, ((Translation.Ok) translation).plan());
  }

  private WorkflowStatus run(String example, WorkflowPlan plan) {
    WorkflowRun run = new WorkflowRun(example, "argo", plan, Map.of("message", "hi"), null);
    harness =
        harnesses.start(
            env -> {
              executor =
                  new LocalExecutor(
                      new LocalExecutorOptions(
                          3,
                          Names.DEFAULT_HOSTNAME_LABEL,
                          null,
                          Duration.ofSeconds(1),
                          Duration.ofSeconds(5),
                          1000,
                          new EnvClock(env::currentTimeMillis)));
              return harnesses.closeAfter(executor);
            },
            WorkerSettings.defaults(null));

    return harness.runToEnd(run);
  }
}
