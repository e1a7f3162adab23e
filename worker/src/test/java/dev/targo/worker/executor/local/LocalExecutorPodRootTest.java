package dev.targo.worker.executor.local;

import static dev.targo.worker.executor.local.Requests.container;
import static dev.targo.worker.executor.local.Requests.json;
import static dev.targo.worker.executor.local.Requests.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.status.NodePhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each local pod in its own root (bubblewrap): what Argo's pods get from their containers. Skipped
 * where this machine has no working {@code bwrap} ({@code scripts/install-bubblewrap}).
 */
@Timeout(30)
class LocalExecutorPodRootTest {
  @TempDir Path state;
  private LocalExecutor executor;

  @BeforeEach
  void start() {
    assumeTrue(Bubblewrap.path().isPresent(), "bwrap is not available on this machine");
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

  private AttemptOutcome run(String podName, ContainerSpec c, OutputParameter... outputs)
      throws Exception {
    return run(podName, new TemplateBody.ContainerBody(c), outputs);
  }

  private AttemptOutcome run(String podName, TemplateBody body, OutputParameter... outputs)
      throws Exception {
    return executor.run(Requests.withOutputs(podName, body, List.of(outputs)), progress -> {});
  }

  private static ContainerSpec sh(String script) {
    return container(List.of("sh", "-c", script), List.of(), null);
  }

  private static OutputParameter path(String name, String path, String defaultValue) {
    return new OutputParameter(name, path, null, null, defaultValue, null);
  }

  /** parameter-aggregation.yaml: four pods at once write /tmp/num, each reads back its own. */
  @Test
  void parallelPodsWritingTheSameTmpFileEachKeepTheirOwn() throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(4);
    try {
      List<Future<AttemptOutcome>> runs =
          List.of(1, 2, 3, 4).stream()
              .map(
                  n ->
                      callers.submit(
                          () ->
                              run(
                                  "num-" + n,
                                  sh("echo " + n + " > /tmp/num; sleep 0.3"),
                                  path("num", "/tmp/num", null))))
              .toList();
      for (int n = 1; n <= 4; n++) {
        assertThat(runs.get(n - 1).get().outputParameters())
            .containsExactly(Map.entry("num", "" + n));
      }
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void aFileThisMachineHasInTmpIsNotThePodsSoTheDefaultApplies() throws Exception {
    Path left = Path.of("/tmp", "targo-left-behind-" + UUID.randomUUID());
    Files.writeString(left, "stale");
    try {
      AttemptOutcome outcome =
          run("fresh", sh("cat " + left + " || true"), path("p", left.toString(), "fresh"));

      assertThat(outcome.outputParameters()).containsExactly(Map.entry("p", "fresh"));
      assertThat(outcome.result()).isEmpty();
    } finally {
      Files.deleteIfExists(left);
    }
  }

  @Test
  void aCommandCannotWriteOutsideItsPodsRoot() throws Exception {
    // Not under /tmp, which is the pod's own: a directory of this machine the worker can write.
    Path outside = Path.of("target", "escape-" + UUID.randomUUID()).toAbsolutePath();
    Files.createDirectories(outside.getParent());

    AttemptOutcome outcome = run("escape", sh("echo x > " + outside));

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(executor.logs("escape"))
        .hasValueSatisfying(log -> assertThat(log).contains("Read-only file system"));
    assertThat(outside).doesNotExist();
  }

  @Test
  void aPodCannotReadAnotherPodsDirectory() throws Exception {
    // Not under /tmp, which no pod sees: a pod directory every pod would see read-only unhidden.
    Path pods = Path.of("target", "pods-" + UUID.randomUUID()).toAbsolutePath();
    try (LocalExecutor visible =
        new LocalExecutor(
            LocalExecutorOptions.defaults()
                .withStateDir(pods)
                .withHeartbeatInterval(Duration.ofMillis(50))
                .withKillGracePeriod(Duration.ofSeconds(1)))) {
      AttemptOutcome first =
          visible.run(
              Requests.withOutputs(
                  "first", new TemplateBody.ContainerBody(sh("echo s3cr3t > /own.txt")), List.of()),
              progress -> {});
      assertThat(first.phase()).as(first.message()).isEqualTo(NodePhase.Succeeded);
      Path written = pods.resolve("first").resolve("root").resolve("own.txt");
      assertThat(written).hasContent("s3cr3t");

      AttemptOutcome second =
          visible.run(
              Requests.withOutputs(
                  "second",
                  new TemplateBody.ContainerBody(
                      sh("ls -A " + pods + " | wc -l; cat " + written + " || echo unreadable")),
                  List.of()),
              progress -> {});

      assertThat(second.phase()).as(second.message()).isEqualTo(NodePhase.Succeeded);
      assertThat(second.result()).isEqualTo("0\nunreadable");
    } finally {
      try (var files = Files.walk(pods)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Test
  void runsUnderItsNodesHostnameAsTheFirstProcessOfItsOwnPidNamespace() throws Exception {
    // $$ is Kubernetes' escape of $ in a command: the shell sees $$.
    AttemptOutcome outcome = run("who", sh("hostname; echo $$$$"));

    assertThat(outcome.result()).isEqualTo(outcome.hostNodeName() + "\n2");
  }

  @Test
  void writesAnywhereInItsOwnRootAndUnderThisMachinesDirectories() throws Exception {
    AttemptOutcome outcome =
        run(
            "writes",
            sh("echo r > /result.txt; mkdir -p /mnt/out && echo m > /mnt/out/x; pwd"),
            path("root", "/result.txt", null),
            path("mnt", "/mnt/out/x", null));

    assertThat(outcome.phase()).as(outcome.message()).isEqualTo(NodePhase.Succeeded);
    assertThat(outcome.result()).isEqualTo("/");
    assertThat(outcome.outputParameters())
        .containsExactly(Map.entry("root", "r"), Map.entry("mnt", "m"));
    assertThat(Path.of("/result.txt")).doesNotExist();
  }

  @Test
  void aDeclaredWorkingDirectoryIsCreatedInThePodsRoot() throws Exception {
    AttemptOutcome outcome =
        run(
            "cwd",
            container(List.of("sh", "-c", "pwd; echo w > rel.txt"), List.of(), "/src/app"),
            path("rel", "rel.txt", null));

    assertThat(outcome.result()).isEqualTo("/src/app");
    assertThat(outcome.outputParameters()).containsExactly(Map.entry("rel", "w"));
    assertThat(Path.of("/src/app")).doesNotExist();
  }

  @Test
  void aVolumeMountIsWritableAtItsMountPath() throws Exception {
    ContainerSpec c =
        new ContainerSpec(
            "alpine:3",
            List.of("sh", "-c", "echo v > /mnt/data/f; ls /mnt"),
            List.of(),
            List.of(),
            null,
            null,
            List.of(json("{\"name\":\"data\",\"mountPath\":\"/mnt/data\"}")),
            null,
            null);

    AttemptOutcome outcome = run("volume", c, path("v", "/mnt/data/f", null));

    assertThat(outcome.outputParameters()).containsExactly(Map.entry("v", "v"));
    assertThat(state.resolve("volume").resolve("volumes").resolve("data").resolve("f"))
        .hasContent("v\n");
  }

  @Test
  void stagesAScriptWhereArgoDoes() throws Exception {
    TemplateBody script =
        new TemplateBody.ScriptBody(
            container(List.of("sh"), List.of(), null), "echo from script\necho \"$0\"\n");

    AttemptOutcome outcome = run("script", script);

    assertThat(outcome.result()).isEqualTo("from script\n/argo/staging/script");
  }

  @Test
  void aPodStoppedAtItsDeadlineEndsWithItsChildren() throws Exception {
    Requests request = pod("slow", "sh", "-c", "sleep 30 & sleep 30").deadline(1);
    long start = System.nanoTime();

    AttemptOutcome outcome = executor.run(request.build(), progress -> {});

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.exitCode()).isEqualTo(143);
    // The log is complete only once every process holding its pipe has ended.
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }
}
