package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shared informer's watch expires (410 Gone) while the pod runs: the informer re-lists and the
 * attempt still sees its pod's end. The direct presence check is switched off here (an hour), so
 * only the informer can deliver the pod.
 */
@ExtendWith(MockClusterExtension.class)
class WatchFaultTest {
  KubernetesMockServer server;
  KubernetesClient client;
  SimulatedKubelet kubelet;
  ApiTraffic traffic;

  /** Built here, with the informer only: not the extension's production-way executor. */
  private KubernetesExecutor informerOnly;

  private final PodRequest request =
      Requests.attempt("wf", Requests.container("ok", List.of("true")), 0);

  @BeforeEach
  void setUp() {
    traffic = new ApiTraffic();
    KubernetesSettings settings = MockCluster.settings().withPresenceCheck(Duration.ofHours(1));
    informerOnly =
        new KubernetesExecutor(traffic.client(client), settings, Clock.systemUTC(), true);
  }

  @AfterEach
  void tearDown() {
    informerOnly.close();
  }

  @Test
  void watchGoneIsFollowedByARelistThatFindsThePodsEnd() throws Exception {
    breakWatches(1);

    AttemptOutcome outcome = informerOnly.run(request, new RecordingHeartbeat());

    assertThat(outcome.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(traffic.brokenWatches()).isEqualTo(1);
    assertThat(traffic.count("GET pods")).isGreaterThanOrEqualTo(2); // first list, then re-lists
    assertThat(kubelet.createdUids(request.podName())).hasSize(1);
  }

  @Test
  void watchEndedByAnUnreadableEventIsFollowedByARelistNotAStoppedInformer() throws Exception {
    // fabric8 stops an informer for good on such a watch unless told to retry.
    server
        .expect()
        .get()
        .withPath(ApiTraffic.BROKEN_WATCH)
        .andUpgradeToWebSocket()
        .open()
        .waitFor(300)
        .andEmit("{not json")
        .done()
        .once();
    traffic.breakNextWatches(1);

    AttemptOutcome outcome =
        Background.run(() -> informerOnly.run(request, new RecordingHeartbeat()))
            .get(10, TimeUnit.SECONDS);

    assertThat(outcome.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(traffic.brokenWatches()).isEqualTo(1);
    assertThat(traffic.count("GET pods")).isGreaterThanOrEqualTo(2); // first list, then re-lists
    assertThat(informerOnly.informerRestarts(Requests.NAMESPACE)).isZero();
  }

  @Test
  void stalledWatchIsOvercomeByTheDirectReadAfterLongQuiet() throws Exception {
    server
        .expect()
        .get()
        .withPath(ApiTraffic.BROKEN_WATCH)
        .andUpgradeToWebSocket()
        .open()
        .done()
        .always();
    ApiTraffic stalled = new ApiTraffic();
    stalled.breakNextWatches(1);
    KubernetesSettings quick = MockCluster.settings().withPresenceCheck(Duration.ofMillis(50));
    try (KubernetesExecutor own =
        new KubernetesExecutor(stalled.client(client), quick, Clock.systemUTC(), true)) {

      AttemptOutcome outcome = own.run(request, new RecordingHeartbeat());

      assertThat(outcome.phase()).isEqualTo(NodePhase.Succeeded);
      assertThat(stalled.brokenWatches()).isEqualTo(1);
      assertThat(stalled.count("GET pods/{name}")).isPositive();
    }
  }

  /**
   * The next {@code times} watches open, stay quiet for 300 ms (the pod runs meanwhile, unseen),
   * then end with an ERROR event carrying a 410 Status, as an API server says that a watch's
   * resourceVersion is too old.
   */
  private void breakWatches(int times) {
    server
        .expect()
        .get()
        .withPath(ApiTraffic.BROKEN_WATCH)
        .andUpgradeToWebSocket()
        .open()
        .waitFor(300)
        .andEmit(
            new WatchEvent(
                new StatusBuilder()
                    .withStatus("Failure")
                    .withCode(410)
                    .withReason("Expired")
                    .build(),
                "ERROR"))
        .done()
        .times(times);
    traffic.breakNextWatches(times);
  }
}
