package dev.targo.worker.executor.local;

import static dev.targo.worker.executor.local.Requests.container;
import static dev.targo.worker.executor.local.Requests.fieldRef;
import static dev.targo.worker.executor.local.Requests.json;
import static dev.targo.worker.executor.local.Requests.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.ContainerSpec.EnvVar;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.status.NodePhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What one pod's container does and how its end is reported. */
@Timeout(20)
class LocalExecutorTest {
  private static final String RUNTIME =
      "failed to create containerd task: failed to create shim task: OCI runtime create failed:"
          + " runc create failed: unable to start container process: ";

  @TempDir Path state;
  private LocalExecutor executor;

  @BeforeEach
  void start() {
    executor =
        new LocalExecutor(
            LocalExecutorOptions.defaults()
                .withStateDir(state)
                .withHeartbeatInterval(Duration.ofMillis(50))
                .withKillGracePeriod(Duration.ofSeconds(1))
                // Plain processes: LocalExecutorPodRootTest runs pods in their own roots.
                .withOwnRoots(false));
  }

  @AfterEach
  void stop() {
    executor.close();
  }

  private AttemptOutcome run(Requests request) throws InterruptedException {
    return executor.run(request.build(), progress -> {});
  }

  @Test
  void signalsEachChangeOfAPodSoItsRunningIsReportedAtOnce() throws Exception {
    LocalPod pod =
        new LocalPod(
            pod("signals", "sleep", "2").build(),
            state.resolve("signals"),
            Clock.systemUTC(),
            false);
    List<NodePhase> seen = new ArrayList<>();
    CompletableFuture<Void> change = pod.nextChange();
    pod.start("node-1", "node-1", Duration.ofSeconds(1));
    while (true) {
      // Each change must be signalled within a second; the process starts within milliseconds.
      change.get(1, TimeUnit.SECONDS);
      // Taken before the state is read, as the executor's loop does: no change slips between.
      CompletableFuture<Void> next = pod.nextChange();
      seen.add(pod.progress().phase());
      if (pod.progress().phase() == NodePhase.Running) {
        break;
      }
      change = next;
    }
    pod.stop(new IllegalStateException("test over"));

    assertThat(seen).last().isEqualTo(NodePhase.Running);
  }

  @Test
  void aFinishedPodIsAdoptedByNameUntilItIsDeletedThenRunsAnew() throws Exception {
    AttemptOutcome first = run(pod("stamp", "sh", "-c", "date +%s%N"));
    AttemptOutcome adopted = run(pod("stamp", "sh", "-c", "date +%s%N"));
    executor.delete(dev.targo.api.temporal.PodDeletion.pod(null, "stamp"));
    AttemptOutcome anew = run(pod("stamp", "sh", "-c", "date +%s%N"));

    assertThat(adopted.result()).isEqualTo(first.result());
    assertThat(anew.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(anew.result()).matches("[0-9]+").isNotEqualTo(first.result());
  }

  @Test
  void succeedsWithTheCommandsStdoutAsResult() throws Exception {
    AttemptOutcome outcome = run(pod("hello", "echo", "hello"));

    assertThat(outcome.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(outcome.message()).isNull();
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.result()).isEqualTo("hello");
    assertThat(outcome.hostNodeName()).isEqualTo("node-1");
    assertThat(outcome.podName()).isEqualTo("hello");
    assertThat(outcome.finishedAt()).isAfterOrEqualTo(outcome.startedAt());
  }

  @Test
  void endsAResourceAttemptInErrorWithoutRunningAnything() throws Exception {
    TemplateBody.ResourceBody body =
        new TemplateBody.ResourceBody(
            "create", null, "{apiVersion: v1, kind: ConfigMap, metadata: {name: c}}", null, null);

    AttemptOutcome outcome =
        executor.run(Requests.withOutputs("res", body, List.of()), progress -> {});

    assertThat(outcome.phase()).isEqualTo(NodePhase.Error);
    assertThat(outcome.message())
        .startsWith("template `step` is a `resource` template: it acts on a Kubernetes cluster");
    assertThat(outcome.exitCode()).isNull();
    assertThat(state.resolve("res")).doesNotExist();
  }

  @Test
  void failsWithArgosMessageWhenTheCommandExitsNonZero() throws Exception {
    AttemptOutcome outcome = run(pod("exit-3", "sh", "-c", "exit 3"));

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.message()).isEqualTo("main: Error (exit code 3)");
    assertThat(outcome.exitCode()).isEqualTo(3);
  }

  @Test
  void keepsStderrInTheLogButNotInTheResult() throws Exception {
    AttemptOutcome outcome = run(pod("both", "sh", "-c", "echo out; echo err >&2"));

    assertThat(outcome.result()).isEqualTo("out");
    assertThat(executor.logs("both")).get().asString().contains("out\n").contains("err\n");
  }

  @Test
  void keepsOnlyTheLast256KiBOfOutput() throws Exception {
    AttemptOutcome outcome =
        run(pod("chatty", "sh", "-c", "head -c 300000 /dev/zero | tr '\\0' a; printf z"));

    assertThat(outcome.result()).hasSize(256 * 1024).endsWith("az");
    assertThat(executor.logs("chatty")).get().asString().hasSize(256 * 1024);
  }

  @Test
  void resolvesEnvValuesExpansionsAndTheDownwardApi() throws Exception {
    List<EnvVar> env =
        List.of(
            new EnvVar("A", "x", null),
            new EnvVar("B", "$(A)-y-$(UNDEFINED)-$$(A)", null),
            fieldRef("NODE", "spec.nodeName"),
            fieldRef("POD", "metadata.name"),
            fieldRef("NS", "metadata.namespace"),
            fieldRef("WF", "metadata.labels['workflows.argoproj.io/workflow']"));
    Requests request =
        pod("env")
            .container(container(List.of("sh", "-c", "echo \"$B $NODE $POD $NS $WF\""), env, null));

    assertThat(run(request).result()).isEqualTo("x-y-$(UNDEFINED)-$(A) node-1 env ns wf");
  }

  @Test
  void expandsEnvReferencesInCommandAndArgs() throws Exception {
    Requests request =
        pod("args")
            .container(
                container(
                    List.of("echo", "$(GREETING)"),
                    List.of(new EnvVar("GREETING", "hi", null)),
                    null));

    assertThat(run(request).result()).isEqualTo("hi");
  }

  @Test
  void endsInErrorWhenAnEnvSourceExistsOnlyInACluster() throws Exception {
    EnvVar secret =
        new EnvVar("S", null, json("{\"secretKeyRef\":{\"name\":\"creds\",\"key\":\"k\"}}"));
    Requests request = pod("secret").container(container(List.of("true"), List.of(secret), null));

    AttemptOutcome outcome = run(request);

    assertThat(outcome.phase()).isEqualTo(NodePhase.Error);
    assertThat(outcome.message())
        .isEqualTo(
            "Pod failed before main container starts due to CreateContainerConfigError: env S:"
                + " secret \"creds\" not found (the local executor has no Kubernetes secrets)");
    assertThat(outcome.exitCode()).isNull();
    assertThat(outcome.result()).isNull();
  }

  @Test
  void leavesOutAnOptionalSourceItCannotResolve() throws Exception {
    EnvVar optional =
        new EnvVar(
            "S",
            null,
            json("{\"configMapKeyRef\":{\"name\":\"c\",\"key\":\"k\",\"optional\":true}}"));
    Requests request =
        pod("optional")
            .container(container(List.of("sh", "-c", "echo ${S-unset}"), List.of(optional), null));

    assertThat(run(request).result()).isEqualTo("unset");
  }

  @Test
  void runsAScriptSourceAsAFileAppendedToTheArgs() throws Exception {
    TemplateBody script =
        new TemplateBody.ScriptBody(
            container(List.of("sh"), List.of(), null), "echo from script\necho \"$0\"\n");

    AttemptOutcome outcome = run(pod("script").body(script));

    assertThat(outcome.result())
        .isEqualTo("from script\n" + state.resolve("script").resolve("script"));
  }

  @Test
  void createsTheWorkingDirectoryAsTheRuntimeDoes() throws Exception {
    Path dir = state.resolve("made").resolve("here");
    Requests request = pod("cwd").container(container(List.of("pwd"), List.of(), dir.toString()));

    assertThat(run(request).result()).isEqualTo(dir.toString());
    assertThat(dir).isDirectory();
  }

  @Test
  void failsAtTheDeadlineWithTheKubeletsMessage() throws Exception {
    long start = System.nanoTime();

    AttemptOutcome outcome = run(pod("slow", "sleep", "5").deadline(1));

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.message())
        .isEqualTo("Pod was active on the node longer than the specified deadline");
    assertThat(outcome.exitCode()).isEqualTo(143);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
  }

  @Test
  void failsWithStartErrorWhenTheExecutableIsMissing() throws Exception {
    AttemptOutcome outcome = run(pod("missing", "targo-no-such-command", "x"));

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.exitCode()).isEqualTo(128);
    assertThat(outcome.message())
        .isEqualTo(
            "main: StartError (exit code 128): "
                + RUNTIME
                + "exec: \"targo-no-such-command\": executable file not found in $PATH: unknown");
    assertThat(outcome.hostNodeName()).isEqualTo("node-1");
  }

  @Test
  void failsWithStartErrorWhenAnExecutablePathDoesNotExist() throws Exception {
    AttemptOutcome outcome = run(pod("no-file", "/targo/no/such/file"));

    assertThat(outcome.message())
        .isEqualTo(
            "main: StartError (exit code 128): "
                + RUNTIME
                + "exec: \"/targo/no/such/file\": stat /targo/no/such/file: no such file or"
                + " directory: unknown");
  }

  @Test
  void failsWithStartErrorWhenThereIsNoCommandBecauseImagesAreNotRun() throws Exception {
    AttemptOutcome outcome = run(pod("no-command"));

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.exitCode()).isEqualTo(128);
    assertThat(outcome.message())
        .isEqualTo(
            "main: StartError (exit code 128): the local executor does not run image"
                + " \"alpine:3\", so it cannot use the image's entrypoint: give the container a"
                + " command");
  }

  @Test
  void rejectsAnInvalidPodNameAsTheApiServerWould() throws Exception {
    AttemptOutcome outcome = run(pod("Bad_Name", "true"));

    assertThat(outcome.phase()).isEqualTo(NodePhase.Error);
    assertThat(outcome.message())
        .startsWith(
            "Pod \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase"
                + " RFC 1123 subdomain");
    assertThat(outcome.hostNodeName()).isNull();
  }

  @Test
  void keepsLogsOnDiskForALaterExecutorOnTheSameStateDirectory() throws Exception {
    run(pod("kept", "echo", "remember me"));
    executor.close();

    try (LocalExecutor later =
        new LocalExecutor(LocalExecutorOptions.defaults().withStateDir(state))) {
      assertThat(later.logs("kept")).contains("remember me\n");
      assertThat(later.logs("unknown")).isEmpty();
    }
    assertThat(Files.readString(state.resolve("kept").resolve("main.log")))
        .isEqualTo("remember me\n");
  }
}
