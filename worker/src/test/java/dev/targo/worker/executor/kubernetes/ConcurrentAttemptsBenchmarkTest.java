package dev.targo.worker.executor.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.worker.executor.kubernetes.SimulatedKubelet.Behaviour;
import dev.targo.worker.support.Poll;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * 200 attempts in flight at once on one executor, against the CRUD mock: prints the executor's API
 * requests per attempt and the threads it adds beyond one blocked caller thread per attempt (the
 * activity threads a Temporal worker has anyway), with the production settings (30 s presence
 * check). Numbers are printed, not asserted: only the outcomes are.
 */
@EnableKubernetesMockClient(crud = true)
class ConcurrentAttemptsBenchmarkTest {
  private static final int ATTEMPTS = 200;

  KubernetesMockServer server;
  KubernetesClient client;

  @Test
  void twoHundredConcurrentAttemptsAllSucceedWithOnePodEach() throws Exception {
    SimulatedKubelet kubelet = MockCluster.kubelet(server, client);
    kubelet.behaviours(p -> new Behaviour.Hold());
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    ApiTraffic traffic = new ApiTraffic();
    List<PodRequest> requests = new ArrayList<>();
    List<RecordingHeartbeat> beats = new ArrayList<>();
    List<CompletableFuture<AttemptOutcome>> outcomes = new ArrayList<>();
    try (KubernetesExecutor executor =
        new KubernetesExecutor(
            traffic.client(client),
            KubernetesSettings.defaults(Requests.NAMESPACE),
            Clock.systemUTC(),
            true)) {
      for (int i = 0; i < ATTEMPTS; i++) {
        PodRequest request =
            Requests.attempt("bench-" + i, Requests.container("work", List.of("true")), 0);
        RecordingHeartbeat heartbeat = new RecordingHeartbeat();
        requests.add(request);
        beats.add(heartbeat);
        outcomes.add(Background.run(() -> executor.run(request, heartbeat)));
      }
      Poll.until(
          () ->
              beats.stream()
                  .allMatch(
                      b ->
                          b.beats().stream()
                              .map(PodProgress::phase)
                              .anyMatch(NodePhase.Running::equals)),
          120);
      Set<Thread> during = Thread.getAllStackTraces().keySet();
      Map<String, Long> added =
          during.stream()
              .filter(t -> !before.contains(t))
              .collect(
                  Collectors.groupingBy(
                      t -> t.getName().replaceAll("[0-9]+", "N"),
                      TreeMap::new,
                      Collectors.counting()));
      for (PodRequest r : requests) {
        kubelet.finish(r.podName(), 0, "done\n");
      }
      for (CompletableFuture<AttemptOutcome> o : outcomes) {
        assertThat(o.get(120, TimeUnit.SECONDS).phase()).isEqualTo(NodePhase.Succeeded);
      }
      long callers = added.getOrDefault("attempt", 0L);
      long others = added.values().stream().mapToLong(Long::longValue).sum() - callers;
      System.out.printf(
          "%d concurrent attempts: %d API requests (%.2f per attempt) %s%n",
          ATTEMPTS, traffic.total(), traffic.total() / (double) ATTEMPTS, traffic.byKind());
      System.out.printf(
          "threads: %d blocked callers (one per attempt) + %d others new during the run %s%n",
          callers, others, added);
    }
    for (PodRequest r : requests) {
      assertThat(kubelet.createdUids(r.podName())).hasSize(1);
    }
    kubelet.close();
  }
}
