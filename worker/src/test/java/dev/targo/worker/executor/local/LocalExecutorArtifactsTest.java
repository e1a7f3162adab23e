package dev.targo.worker.executor.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.targo.argo.plan.Artifact;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.worker.artifact.ArtifactStaging;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Input artifacts placed in the pod's own root before its container starts. */
@Timeout(20)
class LocalExecutorArtifactsTest {
  @TempDir Path state;
  private LocalExecutor executor;
  private ArtifactStaging staging;

  @BeforeEach
  void start() {
    assumeTrue(LocalExecutor.ownRootsAvailable(), "needs bubblewrap");
    staging = new ArtifactStaging(null, null);
    executor =
        new LocalExecutor(
            LocalExecutorOptions.defaults()
                .withStateDir(state)
                .withHeartbeatInterval(Duration.ofMillis(50))
                .withKillGracePeriod(Duration.ofSeconds(1)),
            staging);
  }

  @AfterEach
  void stop() {
    if (executor != null) {
      executor.close();
      staging.close();
    }
  }

  private AttemptOutcome run(String script, Artifact input) throws Exception {
    TemplateBody body =
        new TemplateBody.ContainerBody(
            Requests.container(List.of("sh", "-c", script), List.of(), null));
    PodRequest request = Requests.withOutputs("wf-art", body, List.of());
    request = request.withTemplate(request.template().withInputArtifacts(List.of(input)));
    return executor.run(request, progress -> {});
  }

  private static Artifact raw(String path, String data) {
    return new Artifact(
        "in", path, null, null, null, null, data, null, null, null, null, null, null);
  }

  @Test
  void aRawInputIsReadByTheContainerAtItsPath() throws Exception {
    AttemptOutcome outcome = run("cat /inputs/data/in.txt", raw("/inputs/data/in.txt", "raw!"));

    assertThat(outcome.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(outcome.result()).isEqualTo("raw!");
  }

  @Test
  void anInputNeverReplacesAFileOfThisMachineThatThePodSees() throws Exception {
    Path hostFile = Path.of("/etc/hostname");
    assumeTrue(Files.isRegularFile(hostFile));
    String before = Files.readString(hostFile);

    AttemptOutcome outcome = run("true", raw("/etc/hostname", "replaced"));

    assertThat(outcome.phase()).isEqualTo(NodePhase.Error);
    assertThat(outcome.message())
        .isEqualTo(
            "artifact in failed to load: /etc/hostname is a file of the node's image, which the"
                + " local executor does not replace");
    assertThat(Files.readString(hostFile)).isEqualTo(before);
  }

  @Test
  void aRequiredInputWithoutLocationEndsTheAttemptInErrorBeforeItRuns() throws Exception {
    AttemptOutcome outcome = run("touch /tmp/ran", raw("/inputs/x", null));

    assertThat(outcome.phase()).isEqualTo(NodePhase.Error);
    assertThat(outcome.message()).isEqualTo("required artifact 'in' not supplied");
    assertThat(outcome.exitCode()).isNull();
  }
}
