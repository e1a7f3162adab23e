package dev.targo.translator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Argo's own examples translate without problems. They are not part of this repository: set {@code
 * ARGO_EXAMPLES_DIR} to the {@code examples} folder of an argo-workflows checkout to run this test;
 * it is skipped otherwise.
 */
class ArgoExamplesTest {
  private static final String DIR = System.getenv("ARGO_EXAMPLES_DIR");

  /** The examples issue 4 names: everyday steps, DAG, loop, parameter and exit-handler shapes. */
  static Stream<String> examples() {
    return Stream.of(
        "hello-world",
        "steps",
        "dag-diamond",
        "dag-diamond-steps",
        "dag-multiroot",
        "dag-nested",
        "dag-enhanced-depends",
        "dag-continue-on-fail",
        "loops",
        "loops-dag",
        "loops-sequence",
        "loops-param-result",
        "arguments-parameters",
        "global-parameters",
        "scripts-bash",
        "scripts-python",
        "exit-code-output-variable",
        "output-parameter",
        "coinflip",
        "dag-coinflip",
        "retry-script",
        "retry-container",
        "retry-with-steps",
        "exit-handlers",
        "timeouts-workflow");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void argoExampleTranslatesWithoutProblems(String name) throws Exception {
    assumeTrue(DIR != null && !DIR.isBlank(), "ARGO_EXAMPLES_DIR is not set");
    Path file = Path.of(DIR, name + ".yaml");

    Translation translation = Translator.translate(name + ".yaml", Files.readString(file));

    assertThat(translation)
        .as(() -> translation instanceof Translation.Failed f ? f.problems().toString() : "")
        .isInstanceOf(Translation.Ok.class);
  }
}
