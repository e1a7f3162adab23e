package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.cli.TargoServer.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code spec.ttlStrategy} on a real {@code temporal server start-dev} (the embedded test server
 * cannot delete a workflow) and a worker on the local executor: the workflow is deleted the seconds
 * of its outcome after its end, as Argo's garbage collector deletes it, and one without a setting
 * for its outcome is kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TtlStrategyIT {

  @TempDir static Path dir;

  private TemporalDevServer server;
  private InProcessWorker worker;

  private static final String WORKFLOW =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: NAME
      spec:
        entrypoint: main
        ttlStrategy:
          secondsAfterSuccess: 2
          secondsAfterCompletion: 600
        templates:
        - name: main
          container:
            image: alpine:3.20
            command: [sh, -c, "exit CODE"]
      """;

  @BeforeAll
  void start() throws Exception {
    TemporalDevServer.assumeAvailable("TtlStrategyIT");
    server = TemporalDevServer.start(dir);
    worker = InProcessWorker.start(server.address, dir.resolve("pods"));
  }

  @AfterAll
  void stop() throws Exception {
    if (worker != null) {
      worker.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private Result targo(String stdin, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--address", server.address));
    return TargoServer.run(stdin, all.toArray(String[]::new));
  }

  @Test
  void aSucceededWorkflowIsDeletedAfterItsSecondsAndAFailedOneIsKept() throws Exception {
    Result ok = targo(WORKFLOW.replace("NAME", "short-lived").replace("CODE", "0"), "submit", "-");
    Result failing = targo(WORKFLOW.replace("NAME", "kept").replace("CODE", "1"), "submit", "-");
    assertThat(ok.exitCode()).as(ok.err()).isEqualTo(ExitCodes.OK);
    assertThat(failing.exitCode()).as(failing.err()).isEqualTo(ExitCodes.OK);

    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    boolean succeededSeen = false;
    while (true) {
      Result get = targo("", "get", "short-lived");
      succeededSeen |= get.out().contains("Succeeded");
      if (get.exitCode() != ExitCodes.OK) {
        assertThat(get.err()).isEqualTo("targo: workflow short-lived not found\n");
        break;
      }
      assertThat(System.nanoTime()).as("short-lived deleted").isLessThan(deadline);
      Thread.sleep(500);
    }

    assertThat(succeededSeen).as("the workflow ended Succeeded before it was deleted").isTrue();
    Result kept = targo("", "get", "kept");
    assertThat(kept.exitCode()).as(kept.err()).isEqualTo(ExitCodes.OK);
    assertThat(kept.out()).contains("Failed");
  }
}
