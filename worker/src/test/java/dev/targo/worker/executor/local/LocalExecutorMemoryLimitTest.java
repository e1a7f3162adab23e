package dev.targo.worker.executor.local;

import static dev.targo.worker.executor.local.Requests.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.status.NodePhase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code resources.limits.memory} on the local executor: the main container runs in a memory cgroup
 * with that limit and ends as a kubelet reports a container the kernel killed for it. Skipped,
 * saying why, where this machine lets the worker make no memory cgroup.
 */
@Timeout(60)
class LocalExecutorMemoryLimitTest {
  /** Holds about 100 MiB at once: {@code tail} keeps the whole newline-free line. */
  private static final String ALLOCATE_100MI = "head -c 100M /dev/zero | tail > /dev/null";

  @TempDir Path state;
  private LocalExecutor executor;

  @BeforeEach
  void start() {
    assumeTrue(
        MemoryCgroups.available().isPresent(),
        "no writable memory cgroup on this machine (see the worker's warning)");
    executor =
        new LocalExecutor(
            LocalExecutorOptions.defaults()
                .withStateDir(state)
                .withHeartbeatInterval(Duration.ofMillis(50))
                .withKillGracePeriod(Duration.ofSeconds(1)));
  }

  @AfterEach
  void stop() {
    if (executor != null) {
      executor.close();
    }
  }

  private AttemptOutcome run(String podName, String memory) throws Exception {
    ContainerSpec c =
        new ContainerSpec(
            "alpine:3",
            List.of("sh", "-c", ALLOCATE_100MI),
            List.of(),
            List.of(),
            null,
            json("{\"limits\":{\"memory\":\"" + memory + "\"}}"),
            null,
            null,
            null);
    return executor.run(
        Requests.withOutputs(podName, new TemplateBody.ContainerBody(c), List.of()),
        progress -> {});
  }

  @Test
  void aCommandOverItsMemoryLimitEndsFailedOomKilledWithExitCode137() throws Exception {
    AttemptOutcome outcome = run("oom-over", "64Mi");

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.exitCode()).isEqualTo(137);
    assertThat(outcome.message()).isEqualTo("main: OOMKilled (exit code 137)");
    assertThat(outcome.reason()).isEqualTo("OOMKilled");
    assertThat(cgroupsOf("oom-over")).isEmpty();
  }

  @Test
  void aCommandUnderItsMemoryLimitSucceeds() throws Exception {
    AttemptOutcome outcome = run("oom-under", "256Mi");

    assertThat(outcome.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.reason()).isNull();
    assertThat(cgroupsOf("oom-under")).isEmpty();
  }

  /** The pod's memory cgroups left on this machine: none once it has ended. */
  private static List<Path> cgroupsOf(String podName) throws IOException {
    List<Path> left = new java.util.ArrayList<>();
    for (Path root : List.of(Path.of("/sys/fs/cgroup/memory"), Path.of("/sys/fs/cgroup"))) {
      if (Files.isDirectory(root)) {
        try (Stream<Path> children = Files.list(root)) {
          children
              .filter(p -> p.getFileName().toString().startsWith("targo-" + podName + "-"))
              .forEach(left::add);
        }
      }
    }
    return left;
  }
}
