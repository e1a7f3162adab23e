package dev.targo.translator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The translator is a pure package: it must not reach Temporal or Kubernetes client code. */
class PurityTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/targo/translator");

  @Test
  void translatorSourcesImportNeitherTemporalNorFabric8() throws IOException {
    List<Path> sources;
    try (Stream<Path> files = Files.walk(SOURCES)) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    assertThat(sources).hasSizeGreaterThan(10);

    List<String> offending =
        sources.stream()
            .filter(
                p -> {
                  String text = read(p);
                  return text.contains("io.temporal") || text.contains("io.fabric8");
                })
            .map(p -> p.getFileName().toString())
            .toList();
    assertThat(offending).isEmpty();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
