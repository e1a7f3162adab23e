package dev.targo.translator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProblemCodesTest {

  @Test
  void everyProblemCodeIsDocumentedInProblemsMd() throws IOException {
    String doc = Files.readString(Path.of("PROBLEMS.md"));

    assertThat(Arrays.stream(Code.values()).map(c -> "| `" + c.name() + "` |"))
        .allMatch(doc::contains);
  }
}
