package dev.targo.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A cold worker's first workflow tasks do not trip the SDK's deadlock detector: checked in a JVM of
 * its own (classes loaded by earlier tests would hide it), with the detector's timeout cut from 1 s
 * to 250 ms so that the check does not depend on how busy the machine is. Without the warm-up
 * ({@link WorkflowWarmUp}) the first workflow task spent longer than that loading classes.
 */
class ColdWorkerTest {

  @Test
  void coldWorkersFirstWorkflowTasksDoNotFail() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    ColdWorker.class.getName(),
                    "250"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.PIPE)
            .start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output.lines().filter(l -> l.startsWith("failed workflow tasks: ")))
        .as(output)
        .containsExactly("failed workflow tasks: 0");
  }
}
