package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodClassifier;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.worker.executor.kubernetes.SimulatedKubelet.Behaviour;
import dev.targo.worker.support.Poll;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared informer's watch connection breaks without a 410 (a TCP reset mid-stream, or no watch
 * can be opened for a while, from the very first one on): the attempt still sees its pod's end
 * within a few seconds. The direct read of the pod is switched off (an hour), so only the informer
 * can deliver it. fabric8 reopens a cut watch by itself; a watch that stays down is replaced by the
 * watchdog once the grace has passed, and the new informer's list brings the pod.
 */
@ExtendWith(MockClusterExtension.class)
class WatchRecoveryTest {
  /**
   * Time from the pod's end to the attempt's outcome that counts as recovered: generous, as the
   * build machine may be busy; the measured times are printed (about 1.1 s for a cut watch, which
   * fabric8 reopens after its one-second reconnect delay, and 0.3 to 0.4 s with a 300 ms grace).
   */
  private static final long BOUND_MILLIS = 8_000;

  KubernetesMockServer server;
  KubernetesClient client;
  SimulatedKubelet kubelet;
  CutConnections cuts;

  private final PodRequest request =
      Requests.attempt("wf", Requests.container("hold", List.of("sleep 60")), 0);

  @BeforeEach
  void setUp() {
    kubelet.behaviours(p -> new Behaviour.Hold());
    cuts = new CutConnections(DroppedConnections.podWatches());
  }

  @AfterEach
  void tearDown() throws Exception {
    cuts.close();
  }

  @Test
  void watchCutMidStreamIsReopenedByTheInformerItself() throws Exception {
    try (KubernetesExecutor executor = executor(KubernetesSettings.DEFAULT_WATCH_GRACE)) {
      RecordingHeartbeat beats = new RecordingHeartbeat();
      CompletableFuture<AttemptOutcome> run = Background.run(() -> executor.run(request, beats));
      awaitRunning(beats);

      cuts.cutOpen();
      long millis = finishAndMeasure(run);

      assertThat(run.get().phase()).isEqualTo(NodePhase.Succeeded);
      assertThat(millis).isLessThan(BOUND_MILLIS);
      assertThat(executor.informerRestarts(Requests.NAMESPACE)).isZero();
    }
  }

  @Test
  void watchThatCannotBeReopenedIsReplacedAfterTheGrace() throws Exception {
    try (KubernetesExecutor executor = executor(Duration.ofMillis(300))) {
      RecordingHeartbeat beats = new RecordingHeartbeat();
      CompletableFuture<AttemptOutcome> run = Background.run(() -> executor.run(request, beats));
      awaitRunning(beats);

      cuts.refuseNew(true);
      cuts.cutOpen();
      long millis = finishAndMeasure(run);

      assertThat(run.get().phase()).isEqualTo(NodePhase.Succeeded);
      assertThat(millis).isLessThan(BOUND_MILLIS);
      assertThat(executor.informerRestarts(Requests.NAMESPACE)).isPositive();
    }
  }

  @Test
  void firstWatchAfterTheInitialListThatCannotBeOpenedIsReplacedAfterTheGrace() throws Exception {
    cuts.refuseNew(true);
    try (KubernetesExecutor executor = executor(Duration.ofMillis(300))) {
      CompletableFuture<AttemptOutcome> run =
          Background.run(() -> executor.run(request, new RecordingHeartbeat()));
      Poll.until(() -> !kubelet.createdUids(request.podName()).isEmpty());

      long millis = finishAndMeasure(run);

      assertThat(run.get().phase()).isEqualTo(NodePhase.Succeeded);
      assertThat(millis).isLessThan(BOUND_MILLIS);
      assertThat(executor.informerRestarts(Requests.NAMESPACE)).isPositive();
    }
  }

  @Test
  void podDeletedWhileTheWatchIsDownIsReportedDeletedByTheReplacement() throws Exception {
    try (KubernetesExecutor executor = executor(Duration.ofMillis(300))) {
      RecordingHeartbeat beats = new RecordingHeartbeat();
      CompletableFuture<AttemptOutcome> run = Background.run(() -> executor.run(request, beats));
      awaitRunning(beats);

      cuts.refuseNew(true);
      cuts.cutOpen();
      // Deleted once the outage has been noticed (the mock server has let go of the cut watch).
      Poll.until(() -> executor.informerRestarts(Requests.NAMESPACE) > 0);
      client.pods().inNamespace(Requests.NAMESPACE).withName(request.podName()).delete();
      AttemptOutcome outcome = run.get(BOUND_MILLIS, TimeUnit.MILLISECONDS);

      assertThat(outcome.phase()).isEqualTo(NodePhase.Error);
      assertThat(outcome.message()).isEqualTo(PodClassifier.POD_DELETED);
      assertThat(executor.informerRestarts(Requests.NAMESPACE)).isPositive();
    }
  }

  private KubernetesExecutor executor(Duration grace) {
    KubernetesSettings settings =
        MockCluster.settings().withPresenceCheck(Duration.ofHours(1)).withWatchGrace(grace);
    return new KubernetesExecutor(cuts.client(client), settings, Clock.systemUTC(), true);
  }

  private static void awaitRunning(RecordingHeartbeat beats) throws InterruptedException {
    Poll.until(() -> beats.beats().stream().anyMatch(b -> b.phase() == NodePhase.Running));
  }

  /** Ends the held pod and returns how long the attempt took to return after that, in ms. */
  private long finishAndMeasure(CompletableFuture<AttemptOutcome> run) throws Exception {
    String name = Thread.currentThread().getStackTrace()[2].getMethodName();
    long start = System.nanoTime();
    kubelet.finish(request.podName(), 0, "done\n");
    run.get(30, TimeUnit.SECONDS);
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf("%s: pod end seen after %d ms%n", name, millis);
    return millis;
  }
}
