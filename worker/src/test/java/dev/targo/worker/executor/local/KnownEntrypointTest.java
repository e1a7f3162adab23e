package dev.targo.worker.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.status.NodePhase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A container of {@code argoproj/argosay:v2} without a command runs that image's entrypoint. */
@Timeout(30)
class KnownEntrypointTest {
  @TempDir Path state;
  private LocalExecutor executor;

  @BeforeEach
  void start() {
    executor =
        new LocalExecutor(
            LocalExecutorOptions.defaults()
                .withStateDir(state)
                .withOwnRoots(false)
                .withHeartbeatInterval(Duration.ofMillis(50)));
  }

  @AfterEach
  void stop() {
    executor.close();
  }

  private AttemptOutcome run(String podName, String image, String... args) throws Exception {
    ContainerSpec c =
        new ContainerSpec(image, List.of(), List.of(args), List.of(), null, null, null, null, null);
    return executor.run(
        Requests.withOutputs(podName, new TemplateBody.ContainerBody(c), List.of()), p -> {});
  }

  @Test
  void argosaySaysWhatItsArgumentsAsk() throws Exception {
    assertThat(run("hello", "argoproj/argosay:v2").result()).isEqualTo("hello argo");
    assertThat(run("echo", "argoproj/argosay:v2", "echo", "a \\n b").result()).isEqualTo("a \\n b");
    AttemptOutcome exit = run("exit", "argoproj/argosay:v2", "exit", "3");
    assertThat(exit.phase()).isEqualTo(NodePhase.Failed);
    assertThat(exit.exitCode()).isEqualTo(3);
    assertThat(run("unknown", "argoproj/argosay:v2", "dance").exitCode()).isEqualTo(1);
  }

  @Test
  void anotherImageWithoutACommandCannotStart() throws Exception {
    AttemptOutcome outcome = run("other", "alpine:3");

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.exitCode()).isEqualTo(128);
    assertThat(outcome.message()).contains("cannot use the image's entrypoint");
  }
}
