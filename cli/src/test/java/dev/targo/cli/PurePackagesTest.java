package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pure parts of targo (translator, Argo semantics, plan and status records, retry decisions,
 * pod classification, loop and DAG decisions, status building) must not depend on Temporal or
 * fabric8, so that they stay plain functions over records that are tested without either. This is
 * the one check of that rule for every module.
 */
class PurePackagesTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static final List<String> PURE =
      List.of(
          "yaml-translator/src/main/java",
          "api/src/main/java/dev/targo/api/argo",
          "api/src/main/java/dev/targo/api/plan",
          "api/src/main/java/dev/targo/api/status",
          "worker/src/main/java/dev/targo/worker/retry",
          "worker/src/main/java/dev/targo/worker/pod",
          "worker/src/main/java/dev/targo/worker/flow",
          "worker/src/main/java/dev/targo/worker/status");

  @Test
  void purePackagesImportNeitherTemporalNorFabric8() throws IOException {
    List<String> offenders = new ArrayList<>();
    int files = 0;
    for (String dir : PURE) {
      Path base = ROOT.resolve(dir);
      assertThat(base).as("pure source folder %s", dir).isDirectory();
      try (Stream<Path> sources = Files.walk(base)) {
        for (Path file : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
          files++;
          for (String line : Files.readAllLines(file)) {
            String l = line.strip();
            if (l.startsWith("import io.temporal.")
                || l.startsWith("import io.fabric8.")
                || l.startsWith("import static io.temporal.")
                || l.startsWith("import static io.fabric8.")) {
              offenders.add(ROOT.relativize(file) + ": " + l);
            }
          }
        }
      }
    }
    assertThat(files).as("pure source files scanned").isGreaterThan(10);
    assertThat(offenders).isEmpty();
  }
}
