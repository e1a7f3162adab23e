package dev.targo.translator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.Json;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden fixtures: {@code valid/NAME.yaml|json} translates to the plan in {@code NAME.plan.json}
 * (with the {@code -p} overrides of {@code NAME.params}, if present); {@code
 * invalid/NAME.yaml|json} fails with exactly the problems listed in {@code NAME.problems}, in
 * order.
 *
 * <p>Run with {@code -Dfixtures.update=true} to rewrite the expected files from the actual results
 * (then read the diff before committing it).
 */
class FixturesTest {
  private static final boolean UPDATE = Boolean.getBoolean("fixtures.update");

  static Stream<String> valid() throws Exception {
    return inputs("valid");
  }

  static Stream<String> invalid() throws Exception {
    return inputs("invalid");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void validFixtureTranslatesToItsExpectedPlan(String name) throws Exception {
    Path input = dir("valid").resolve(name);
    Translation translation =
        Translator.translate(name, Files.readString(input), overrides(sibling(input, ".params")));

    assertThat(translation).isInstanceOf(Translation.Ok.class);
    // Through text, so that numbers compare by value whatever Java type holds them.
    JsonNode actual =
        Json.mapper()
            .readTree(Json.mapper().writeValueAsString(((Translation.Ok) translation).plan()));
    if (UPDATE) {
      Files.writeString(
          source("valid", sibling(input, ".plan.json")),
          Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
      return;
    }
    JsonNode expected = Json.mapper().readTree(sibling(input, ".plan.json").toFile());
    assertThat(actual).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void invalidFixtureReportsExactlyItsExpectedProblems(String name) throws Exception {
    Path input = dir("invalid").resolve(name);
    Translation translation = Translator.translate(name, Files.readString(input));

    assertThat(translation).isInstanceOf(Translation.Failed.class);
    List<String> actual =
        ((Translation.Failed) translation)
            .problems().stream()
                .map(p -> p.line() + ":" + p.column() + ": " + p.code() + " " + p.message())
                .toList();
    if (UPDATE) {
      Files.write(source("invalid", sibling(input, ".problems")), actual);
      return;
    }
    List<String> expected =
        Files.readAllLines(sibling(input, ".problems")).stream().filter(l -> !l.isBlank()).toList();
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  private static Stream<String> inputs(String kind) throws IOException, URISyntaxException {
    try (Stream<Path> files = Files.list(dir(kind))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml") || (n.endsWith(".json") && !n.endsWith(".plan.json")))
          .sorted()
          .toList()
          .stream();
    }
  }

  private static Path dir(String kind) throws URISyntaxException {
    return Path.of(FixturesTest.class.getResource("/" + kind).toURI());
  }

  /** The source copy of a test resource, which the build copies to the classpath. */
  private static Path source(String kind, Path resource) {
    return Path.of("src/test/resources", kind).resolve(resource.getFileName());
  }

  private static Path sibling(Path input, String suffix) {
    String name = input.getFileName().toString();
    return input.resolveSibling(name.substring(0, name.lastIndexOf('.')) + suffix);
  }

  private static Map<String, String> overrides(Path params) throws IOException {
    Map<String, String> overrides = new LinkedHashMap<>();
    if (Files.exists(params)) {
      for (String line : Files.readAllLines(params)) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          overrides.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    }
    return overrides;
  }
}
