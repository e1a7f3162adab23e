package dev.targo.worker.executor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.status.NodePhase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Output parameters with {@code valueFrom.path}, read once the pod has finished. */
@Timeout(20)
class LocalExecutorOutputsTest {
  @TempDir Path state;
  private LocalExecutor executor;

  @BeforeEach
  void start() {
    executor =
        new LocalExecutor(
            LocalExecutorOptions.defaults()
                .withStateDir(state)
                .withHeartbeatInterval(Duration.ofMillis(50))
                .withKillGracePeriod(Duration.ofSeconds(1)));
  }

  @AfterEach
  void stop() {
    executor.close();
  }

  private AttemptOutcome run(String script, OutputParameter... outputs) throws Exception {
    TemplateBody body =
        new TemplateBody.ContainerBody(
            Requests.container(List.of("sh", "-c", script), List.of(), null));
    return executor.run(Requests.withOutputs("wf", body, List.of(outputs)), progress -> {});
  }

  private static OutputParameter path(String name, String path, String defaultValue) {
    return new OutputParameter(name, path, null, null, defaultValue, null);
  }

  @Test
  void readsEachPathInTheWorkingDirectoryInDeclarationOrder() throws Exception {
    AttemptOutcome outcome =
        run(
            "printf b > b.txt; printf 'a a' > a.txt",
            path("b", "b.txt", null),
            path("a", "a.txt", null));

    assertThat(outcome.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(outcome.outputParameters())
        .containsExactly(Map.entry("b", "b"), Map.entry("a", "a a"));
  }

  @Test
  void aMissingFileGivesTheDefault() throws Exception {
    AttemptOutcome outcome = run("true", path("p", "absent.txt", "Foobar"));

    assertThat(outcome.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(outcome.outputParameters()).containsExactly(Map.entry("p", "Foobar"));
  }

  @Test
  void aMissingFileWithoutDefaultEndsTheAttemptInError() throws Exception {
    AttemptOutcome outcome = run("true", path("p", "absent.txt", null));

    assertThat(outcome.phase()).isEqualTo(NodePhase.Error);
    assertThat(outcome.message())
        .isEqualTo("failed to get output parameter p: open absent.txt: no such file or directory");
  }

  /** Argo's {@code SaveParameters} ({@code workflow/executor/executor.go}) trims one newline. */
  @Test
  void oneTrailingNewlineIsTrimmedFromTheFileAndFromTheDefault() throws Exception {
    AttemptOutcome outcome =
        run(
            "echo 4 > num; printf 'x\\n\\n' > two",
            path("num", "num", null),
            path("two", "two", null),
            path("absent", "absent", "d\n"));

    assertThat(outcome.outputParameters())
        .containsExactly(Map.entry("num", "4"), Map.entry("two", "x\n"), Map.entry("absent", "d"));
  }

  /** Argo puts no size limit on a parameter read from a file; only {@code result} is trimmed. */
  @Test
  void aValueOfSixtyFourKibibytesIsKeptWhole() throws Exception {
    AttemptOutcome outcome =
        run("head -c 65536 /dev/zero | tr '\\0' a > big", path("p", "big", null));

    assertThat(outcome.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(outcome.outputParameters().get("p")).hasSize(65536).matches("a+");
  }

  @Test
  void parametersTogetherOverWhatAnAttemptsResultCarriesEndTheAttemptInError() throws Exception {
    AttemptOutcome outcome =
        run(
            "head -c 600000 /dev/zero > a; head -c 600000 /dev/zero > b",
            path("a", "a", null),
            path("b", "b", null));

    assertThat(outcome.phase()).isEqualTo(NodePhase.Error);
    assertThat(outcome.message())
        .isEqualTo(
            "output parameters hold 1200000 bytes, more than the 1048576 bytes (1 MiB) an"
                + " attempt's result can carry");
  }
}
