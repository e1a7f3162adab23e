package dev.targo.worker.executor.local;

import static dev.targo.worker.executor.local.Requests.container;
import static dev.targo.worker.executor.local.Requests.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.targo.argo.plan.ContainerNode;
import dev.targo.argo.plan.ContainerSetRetry;
import dev.targo.argo.plan.OutputParameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody.ContainerSetBody;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.ContainerOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code containerSet} pod on the local executor: its containers in one pod root sharing the
 * set's volume, each started once its dependencies have succeeded, as Argo's emissary starts them.
 * Needs bubblewrap (the volume is the pod's own directory only in the pod's own root).
 */
@Timeout(60)
class LocalExecutorContainerSetTest {
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

  /** A container running {@code script} with {@code sh -c}, after {@code dependencies}. */
  private static ContainerNode sh(String name, String script, String... dependencies) {
    return new ContainerNode(
        name, container(List.of("sh", "-c", script), List.of(), null), Arrays.asList(dependencies));
  }

  private static ContainerSetBody set(ContainerSetRetry retry, ContainerNode... containers) {
    return new ContainerSetBody(
        List.of(containers),
        List.of(json("{\"name\":\"work\",\"mountPath\":\"/workspace\"}")),
        retry);
  }

  private AttemptOutcome run(String podName, ContainerSetBody set, OutputParameter... outputs)
      throws Exception {
    return executor.run(Requests.withOutputs(podName, set, List.of(outputs)), progress -> {});
  }

  @Test
  void containersRunInDependencyOrderSharingTheSetsVolumeAndOutputsComeFromMain() throws Exception {
    AttemptOutcome outcome =
        run(
            "sequence",
            set(
                null,
                sh("main", "cat /workspace/log; echo main >> /workspace/log", "c"),
                sh("c", "echo c >> /workspace/log", "b"),
                sh("b", "echo b >> /workspace/log", "a"),
                sh("a", "echo a >> /workspace/log")),
            new OutputParameter("log", "/workspace/log", null, null, null, null));

    assertThat(outcome.phase())
        .as("%s %s %s", outcome.message(), outcome.containers(), executor.logs("sequence"))
        .isEqualTo(NodePhase.Succeeded);
    assertThat(outcome.result()).isEqualTo("a\nb\nc");
    assertThat(outcome.outputParameters()).containsExactly(Map.entry("log", "a\nb\nc\nmain"));
    assertThat(outcome.exitCode()).isZero();
    assertThat(outcome.containers())
        .extracting(ContainerOutcome::name, ContainerOutcome::phase)
        .containsExactly(
            tuple("main", NodePhase.Succeeded),
            tuple("c", NodePhase.Succeeded),
            tuple("b", NodePhase.Succeeded),
            tuple("a", NodePhase.Succeeded));
    // Each container's log on its own, and all of them in the pod's.
    Path pod = executor.stateDir().resolve("sequence");
    assertThat(Files.readString(pod.resolve("containers").resolve("main.log")))
        .isEqualTo("a\nb\nc\n");
    assertThat(executor.logs("sequence")).hasValue("a\nb\nc\n");
  }

  @Test
  void independentContainersRunAtTheSameTime() throws Exception {
    // b and c each wait for the other's file: only containers running together both succeed.
    String waitFor =
        "for i in $(seq 1 100); do [ -e /workspace/%s ] && exit 0; sleep 0.1; done; exit 1";
    AttemptOutcome outcome =
        run(
            "parallel",
            set(
                null,
                sh("a", "true"),
                sh("b", "touch /workspace/b; " + waitFor.formatted("c"), "a"),
                sh("c", "touch /workspace/c; " + waitFor.formatted("b"), "a"),
                sh("d", "test -e /workspace/b && test -e /workspace/c", "b", "c")));

    assertThat(outcome.phase()).as(outcome.message()).isEqualTo(NodePhase.Succeeded);
    assertThat(outcome.containers()).allMatch(c -> c.phase() == NodePhase.Succeeded);
  }

  @Test
  void aFailedContainerFailsThePodAndItsDependentsEndWithTheEmissarysError() throws Exception {
    AttemptOutcome outcome =
        run(
            "failing",
            set(
                null,
                sh("a", "exit 3"),
                sh("main", "echo never", "a"),
                sh("after", "echo never", "main"),
                sh("other", "echo independent")));

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    // Argo's inferFailedReason: the first failing main container in name order.
    assertThat(outcome.message()).isEqualTo("a: Error (exit code 3)");
    // outputs.exitCode is main's: the emissary's own error.
    assertThat(outcome.exitCode()).isEqualTo(64);
    assertThat(outcome.result()).isEmpty();
    assertThat(outcome.containers())
        .extracting(ContainerOutcome::name, ContainerOutcome::phase, ContainerOutcome::message)
        .containsExactly(
            tuple("a", NodePhase.Failed, "a: Error (exit code 3): "),
            tuple(
                "main",
                NodePhase.Error,
                "main: Error (exit code 64): dependency \"a\" exited with non-zero code: 3"),
            // The emissary passes the code it saw on: `after` sees 3, not 64.
            tuple(
                "after",
                NodePhase.Error,
                "after: Error (exit code 64): dependency \"main\" exited with non-zero code: 3"),
            tuple("other", NodePhase.Succeeded, null));
  }

  @Test
  void theSetsRetryStrategyRunsAFailingCommandAgainInPlace() throws Exception {
    // Argo's TestContainerSetRetryFail: fails once, then finds the file it left and succeeds.
    String flaky =
        "if [ -e /workspace/seen ]; then echo second; else touch /workspace/seen; echo first; exit 1; fi";

    AttemptOutcome retried =
        run("retried", set(new ContainerSetRetry("2", "100ms"), sh("main", flaky)));
    AttemptOutcome once = run("once", set(null, sh("main", flaky)));

    assertThat(retried.phase()).isEqualTo(NodePhase.Succeeded);
    // Both runs in the container's one log, as the emissary appends them.
    assertThat(retried.result()).isEqualTo("first\nsecond");
    assertThat(once.phase()).isEqualTo(NodePhase.Failed);
    assertThat(once.message()).isEqualTo("main: Error (exit code 1)");
  }

  @Test
  void thePodsDeadlineEndsRunningAndWaitingContainers() throws Exception {
    ContainerSetBody set = set(null, sh("a", "sleep 30"), sh("b", "true", "a"));
    Template template =
        new Template(
            "step", set, null, null, null, null, Map.of(), null, null, null, null, null, List.of());
    PodRequest request =
        new PodRequest(
            "wf", "ns", "wf-1", "wf", 0, "deadline", template, List.of(), 1L, null, null);

    AttemptOutcome outcome = executor.run(request, progress -> {});

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.message()).isEqualTo(LocalPod.DEADLINE_MESSAGE);
    assertThat(outcome.containers())
        .extracting(ContainerOutcome::name, ContainerOutcome::phase)
        .containsExactly(tuple("a", NodePhase.Failed), tuple("b", NodePhase.Failed));
    assertThat(outcome.containers().get(1).message()).isEqualTo("b: Error (exit code 143): ");
  }
}
