package dev.targo.worker.executor.local;

import static dev.targo.worker.executor.local.Requests.container;
import static dev.targo.worker.executor.local.Requests.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.PodDeletion;
import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodClassifier;
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

/**
 * A pod outlives the executor that started it (a worker that died or stopped) and is adopted by the
 * next executor on the same state directory, instead of running again.
 */
@Timeout(30)
class LocalExecutorAdoptionTest {
  @TempDir Path state;
  @TempDir Path shared;
  private final ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor();
  private final List<LocalExecutor> executors = new CopyOnWriteArrayList<>();
  private Path runs;
  private Path go;
  private Path pid;

  @BeforeEach
  void files() {
    runs = shared.resolve("runs");
    go = shared.resolve("go");
    pid = shared.resolve("pid");
  }

  @AfterEach
  void stop() throws Exception {
    executors.forEach(LocalExecutor::close);
    callers.shutdownNow();
    // Closed executors let their pods run on: no test leaves one behind.
    try (var dirs = Files.list(state)) {
      for (Path dir : dirs.toList()) {
        PodSupervisor.record(dir).ifPresent(r -> PodSupervisor.kill(r, Duration.ofSeconds(1)));
      }
    }
  }

  /** A worker's executor: its pods outlive it. */
  private LocalExecutor worker() {
    LocalExecutor executor =
        new LocalExecutor(
            LocalExecutorOptions.defaults()
                .withStateDir(state)
                .withHeartbeatInterval(Duration.ofMillis(50))
                .withKillGracePeriod(Duration.ofSeconds(1))
                .withPodRetention(Duration.ZERO)
                .withPodsOutliveClose(true)
                // Plain processes: these pods tell the test what they did through shared files.
                .withOwnRoots(false));
    executors.add(executor);
    return executor;
  }

  /** A pod that counts its runs in {@link #runs}, waits for {@link #go}, prints, exits 3. */
  private Requests counted(String name) {
    String script =
        "echo run >> "
            + runs
            + "; while [ ! -e "
            + go
            + " ]; do sleep 0.05; done; echo out; echo err >&2; exit 3";
    return pod(name).container(container(List.of("sh", "-c", script), List.of(), null));
  }

  private Future<AttemptOutcome> runUntilRunning(LocalExecutor executor, Requests request)
      throws InterruptedException {
    List<PodProgress> beats = new CopyOnWriteArrayList<>();
    Future<AttemptOutcome> call = callers.submit(() -> executor.run(request.build(), beats::add));
    while (beats.stream().noneMatch(b -> b.phase() == NodePhase.Running)) {
      Thread.sleep(10);
    }
    return call;
  }

  /** Starts the pod on an executor that then goes, as a stopped worker, while the pod runs on. */
  private void startOnAWorkerThatGoes(Requests request) throws InterruptedException {
    LocalExecutor first = worker();
    runUntilRunning(first, request);
    first.close();
  }

  /** The pid the pod's shell wrote to {@link #pid}, once it is there. */
  private long awaitPid() throws Exception {
    while (!Files.exists(pid) || Files.readString(pid).isBlank()) {
      Thread.sleep(10);
    }
    return Long.parseLong(Files.readString(pid).strip());
  }

  @Test
  void aNewExecutorAdoptsARunningPodAndReturnsItsOutcomeWithoutRunningItAgain() throws Exception {
    Requests request = counted("adopted");
    LocalExecutor first = worker();
    Future<AttemptOutcome> firstCall = runUntilRunning(first, request);
    while (!Files.exists(runs)) {
      Thread.sleep(10);
    }

    // The worker goes; its pod does not.
    first.close();
    Future<AttemptOutcome> adopted = callers.submit(() -> worker().run(request.build(), p -> {}));
    Thread.sleep(300);
    Files.writeString(go, "");

    AttemptOutcome outcome = adopted.get();
    assertThat(firstCall).failsWithin(Duration.ofSeconds(1));
    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.result()).isEqualTo("out");
    assertThat(outcome.hostNodeName()).startsWith("node-");
    assertThat(Files.readAllLines(runs)).containsExactly("run");
    assertThat(Files.readString(state.resolve("adopted").resolve(LocalPod.LOG_FILE)))
        .contains("out", "err");
  }

  @Test
  void aNewExecutorReadsTheOutcomeOfAPodThatEndedWhileNoWorkerWatched() throws Exception {
    Requests request = counted("ended");
    startOnAWorkerThatGoes(request);
    Files.writeString(go, "");
    while (!Files.exists(state.resolve("ended").resolve(PodSupervisor.EXIT))) {
      Thread.sleep(10);
    }

    AttemptOutcome outcome = worker().run(request.build(), p -> {});

    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(outcome.result()).isEqualTo("out");
    assertThat(Files.readAllLines(runs)).containsExactly("run");
  }

  @Test
  void deletingAnAdoptedPodKillsItsDetachedProcessesAndEndsItsCall() throws Exception {
    Requests request =
        pod("doomed")
            .container(
                container(
                    List.of(
                        "sh", "-c", "echo run >> " + runs + "; echo $$$$ > " + pid + "; sleep 30"),
                    List.of(),
                    null));
    startOnAWorkerThatGoes(request);
    long container = awaitPid();
    LocalExecutor second = worker();
    Future<AttemptOutcome> adopted = runUntilRunning(second, request);

    second.delete(PodDeletion.pod("ns", "doomed"));

    assertThat(adopted.get().message()).isEqualTo(PodClassifier.POD_DELETED);
    assertThat(ProcessHandle.of(container).map(ProcessTrees::running).orElse(false)).isFalse();
    // Deleted is gone: a later pod of the name runs anew.
    Files.delete(pid);
    Future<AttemptOutcome> again = runUntilRunning(worker(), request);
    assertThat(again.isDone()).isFalse();
    assertThat(Files.readAllLines(runs)).containsExactly("run", "run");
  }

  @Test
  void anExecutorThatNeverWatchedAPodStillKillsItWhenItIsDeleted() throws Exception {
    Requests request =
        pod("orphan")
            .container(
                container(
                    List.of("sh", "-c", "echo $$$$ > " + pid + "; sleep 30"), List.of(), null));
    startOnAWorkerThatGoes(request);
    long container = awaitPid();

    worker().delete(PodDeletion.workflow("ns", "wf"));

    assertThat(ProcessHandle.of(container).map(ProcessTrees::running).orElse(false)).isFalse();
    assertThat(PodSupervisor.record(state.resolve("orphan"))).isEmpty();
  }

  @Test
  void aSupervisorThatDiedWithoutAnOutcomeLeavesNoPodSoTheAttemptRunsAgain() throws Exception {
    // As after a reboot: the record is there, its process is not.
    Requests request = counted("rebooted");
    startOnAWorkerThatGoes(request);
    var record = PodSupervisor.record(state.resolve("rebooted")).orElseThrow();
    PodSupervisor.kill(record, Duration.ofSeconds(1));
    Files.writeString(go, "");

    AttemptOutcome outcome = worker().run(request.build(), p -> {});

    assertThat(outcome.exitCode()).isEqualTo(3);
    assertThat(Files.readAllLines(runs)).containsExactly("run", "run");
  }

  @Test
  void anAdoptedPodIsHeldToWhatIsLeftOfItsDeadline() throws Exception {
    Requests request =
        pod("late").container(container(List.of("sleep", "30"), List.of(), null)).deadline(3);
    LocalExecutor first = worker();
    runUntilRunning(first, request);
    Thread.sleep(1500);
    first.close();
    long adoptedAt = System.nanoTime();

    AttemptOutcome outcome = worker().run(request.build(), p -> {});

    assertThat(outcome.phase()).isEqualTo(NodePhase.Failed);
    assertThat(outcome.message()).isEqualTo(LocalPod.DEADLINE_MESSAGE);
    // Half of the 3 s had passed under the first executor; a pod run again would take them all.
    assertThat(Duration.ofNanos(System.nanoTime() - adoptedAt)).isLessThan(Duration.ofMillis(2500));
  }

  @Test
  void theSweeperKeepsTheDirectoryOfAPodWhoseSupervisorRuns() throws Exception {
    startOnAWorkerThatGoes(counted("kept"));
    // An end mark older than any retention, as a stale one would be.
    Path dir = state.resolve("kept");
    Files.writeString(dir.resolve(LocalPod.ENDED_FILE), "");
    Files.setLastModifiedTime(
        dir.resolve(LocalPod.ENDED_FILE), java.nio.file.attribute.FileTime.fromMillis(0));
    LocalExecutor second = worker();
    PodDirectorySweeper sweeper =
        new PodDirectorySweeper(
            state, Duration.ofMinutes(1), java.time.Clock.systemUTC(), second::isLive);

    assertThat(sweeper.sweep()).isEmpty();
    assertThat(dir).exists();
    Files.writeString(go, "");
  }
}
