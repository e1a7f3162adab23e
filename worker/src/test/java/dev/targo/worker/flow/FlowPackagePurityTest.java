package dev.targo.worker.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Loop expansion, naming, outputs and DAG decisions stay pure: no Temporal, no fabric8. */
class FlowPackagePurityTest {

  @Test
  void importsNeitherTemporalNorFabric8() throws IOException {
    Path dir = Path.of("src/main/java/dev/targo/worker/flow");
    List<String> offending;
    try (Stream<Path> files = Files.list(dir)) {
      offending =
          files
              .filter(f -> f.toString().endsWith(".java"))
              .flatMap(FlowPackagePurityTest::lines)
              .filter(l -> l.startsWith("import io.temporal") || l.startsWith("import io.fabric8"))
              .toList();
    }

    assertThat(dir).isDirectoryContaining("glob:**/DagPlanner.java");
    assertThat(offending).isEmpty();
  }

  private static Stream<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream().map(String::strip);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
