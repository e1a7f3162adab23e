package dev.targo.worker.executor.local;

import static dev.targo.worker.executor.local.Requests.container;
import static dev.targo.worker.executor.local.Requests.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.api.temporal.PodDeletion;
import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.status.NodePhase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Waiting, heartbeats, cancellation, adoption by name, shutdown. */
@Timeout(20)
class LocalExecutorLifecycleTest {
  @TempDir Path state;
  @TempDir Path shared;
  private LocalExecutor executor;
  private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeEach
  void start() {
    executor =
        new LocalExecutor(
            LocalExecutorOptions.defaults()
                .withStateDir(state)
                .withHeartbeatInterval(Duration.ofMillis(50))
                .withKillGracePeriod(Duration.ofSeconds(1))
                // Plain processes: these pods tell the test what they did through shared files.
                .withOwnRoots(false));
  }

  @AfterEach
  void stop() {
    executor.close();
    callers.shutdownNow();
  }

  @Test
  void staysPendingWithTheSchedulersReasonUntilTheCallIsCancelled() {
    List<PodProgress> beats = new CopyOnWriteArrayList<>();
    RuntimeException cancelled = new RuntimeException("activity cancelled");

    assertThatThrownBy(
            () ->
                executor.run(
                    pod("stuck", "true").excluding("node-1", "node-2", "node-3").build(),
                    progress -> {
                      beats.add(progress);
                      if (beats.size() == 3) {
                        throw cancelled;
                      }
                    }))
        .isSameAs(cancelled);

    assertThat(beats)
        .containsOnly(
            new PodProgress(
                "stuck",
                NodePhase.Pending,
                "Unschedulable: 0/3 nodes are available: 3 node(s) didn't match Pod's node"
                    + " affinity/selector. no new claims to deallocate, preemption: 0/3 nodes are"
                    + " available: 3 Preemption is not helpful for scheduling.",
                null,
                null));
  }

  @Test
  void forgetsACancelledPendingPodSoTheNextCallCreatesItAgain() throws Exception {
    Requests stuck = pod("again", "echo", "ran").excluding("node-1", "node-2", "node-3");
    assertThatThrownBy(
            () ->
                executor.run(
                    stuck.build(),
                    progress -> {
                      throw new IllegalStateException("cancelled");
                    }))
        .hasMessage("cancelled");

    AttemptOutcome outcome = executor.run(stuck.excluding().build(), progress -> {});

    assertThat(outcome.result()).isEqualTo("ran");
  }

  @Test
  void deletingALivePodEndsItsCallWithPodDeleted() throws Exception {
    List<PodProgress> beats = new CopyOnWriteArrayList<>();
    Future<AttemptOutcome> call =
        callers.submit(() -> executor.run(pod("doomed", "sleep", "30").build(), beats::add));
    while (beats.stream().noneMatch(b -> b.phase() == NodePhase.Running)) {
      Thread.sleep(10);
    }

    executor.delete(PodDeletion.abandoned(null, "doomed"));

    AttemptOutcome outcome = call.get();
    assertThat(outcome.phase()).isEqualTo(NodePhase.Error);
    assertThat(outcome.message()).isEqualTo("pod deleted");
    assertThat(outcome.podName()).isEqualTo("doomed");
  }

  @Test
  void heartbeatsRunningWithHostAndStartTime() throws Exception {
    List<PodProgress> beats = new CopyOnWriteArrayList<>();

    AttemptOutcome outcome = executor.run(pod("beating", "sleep", "0.3").build(), beats::add);

    PodProgress running =
        beats.stream().filter(b -> b.phase() == NodePhase.Running).findFirst().orElseThrow();
    assertThat(running.podName()).isEqualTo("beating");
    assertThat(running.hostNodeName()).isEqualTo("node-1");
    assertThat(running.message()).isNull();
    assertThat(running.startedAt()).isAfterOrEqualTo(outcome.startedAt());
  }

  @Test
  void killsTheProcessTreeWhenTheHeartbeatThrows() throws Exception {
    Path pidFile = shared.resolve("pid");
    Requests request = pod("cancel-me", "sh", "-c", "sleep 30 & echo $! > " + pidFile + "; wait");
    RuntimeException cancelled = new RuntimeException("cancelled");

    assertThatThrownBy(
            () ->
                executor.run(
                    request.build(),
                    progress -> {
                      if (Files.exists(pidFile) && !readPid(pidFile).isEmpty()) {
                        throw cancelled;
                      }
                    }))
        .isSameAs(cancelled);

    long sleeper = Long.parseLong(readPid(pidFile));
    assertThat(ProcessHandle.of(sleeper).filter(ProcessTrees::running)).isEmpty();
  }

  @Test
  void adoptsARunningPodInsteadOfStartingASecondProcess() throws Exception {
    Path counter = shared.resolve("starts");
    Requests request =
        pod("once")
            .container(
                container(
                    List.of("sh", "-c", "echo start >> " + counter + "; sleep 0.5; echo done"),
                    List.of(),
                    null));

    Future<AttemptOutcome> first = callers.submit(() -> executor.run(request.build(), p -> {}));
    Future<AttemptOutcome> second = callers.submit(() -> executor.run(request.build(), p -> {}));

    assertThat(first.get()).isEqualTo(second.get());
    assertThat(Files.readAllLines(counter)).containsExactly("start");
  }

  @Test
  void returnsTheStoredOutcomeOfAFinishedPodWithoutRunningItAgain() throws Exception {
    Path counter = shared.resolve("starts");
    Requests request = pod("finished", "sh", "-c", "echo start >> " + counter + "; exit 7");
    AttemptOutcome first = executor.run(request.build(), p -> {});
    List<PodProgress> beats = new CopyOnWriteArrayList<>();

    AttemptOutcome second = executor.run(request.build(), beats::add);

    assertThat(second).isEqualTo(first);
    assertThat(beats).isEmpty();
    assertThat(Files.readAllLines(counter)).containsExactly("start");
  }

  @Test
  void closingKillsLivePodsAndFailsTheirCalls() throws Exception {
    List<PodProgress> beats = new CopyOnWriteArrayList<>();
    Future<AttemptOutcome> call =
        callers.submit(() -> executor.run(pod("long", "sleep", "30").build(), beats::add));
    while (beats.stream().noneMatch(b -> b.phase() == NodePhase.Running)) {
      Thread.sleep(10);
    }

    executor.close();

    assertThatThrownBy(call::get)
        .hasCauseInstanceOf(IllegalStateException.class)
        .cause()
        .hasMessage("the local executor closed while pod long was running");
    assertThatThrownBy(() -> executor.run(pod("late", "true").build(), p -> {}))
        .hasMessage("the local executor is closed");
  }

  private static String readPid(Path file) {
    try {
      return Files.readString(file).trim();
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
