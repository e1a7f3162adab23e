package dev.targo.worker.executor.local;

import static dev.targo.worker.executor.local.Requests.pod;
import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.status.NodePhase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Where pods go among the simulated nodes. */
@Timeout(20)
class LocalExecutorPlacementTest {
  @TempDir Path state;

  private LocalExecutor executor(LocalExecutorOptions options) {
    return new LocalExecutor(
        options.withStateDir(state).withHeartbeatInterval(Duration.ofMillis(50)));
  }

  @Test
  void namesItsNodesNodeOneToN() {
    try (LocalExecutor executor = executor(LocalExecutorOptions.defaults().withNodes(4))) {
      assertThat(executor.nodeNames()).containsExactly("node-1", "node-2", "node-3", "node-4");
    }
  }

  @Test
  void aClustersExecutorNamesItsNodesAfterTheCluster() throws Exception {
    try (LocalExecutor executor =
        executor(LocalExecutorOptions.defaults().withNodes(2).withNodePrefix("gpu-east-node-"))) {
      assertThat(executor.nodeNames()).containsExactly("gpu-east-node-1", "gpu-east-node-2");
      AttemptOutcome outcome =
          executor.run(pod("placed", "true").excluding("gpu-east-node-1").build(), p -> {});

      assertThat(outcome.hostNodeName()).isEqualTo("gpu-east-node-2");
    }
  }

  @Test
  void honoursTheNodeSelector() throws Exception {
    try (LocalExecutor executor = executor(LocalExecutorOptions.defaults())) {
      AttemptOutcome outcome =
          executor.run(
              pod("selected", "true")
                  .nodeSelector(Map.of("kubernetes.io/hostname", "node-3"))
                  .build(),
              p -> {});

      assertThat(outcome.hostNodeName()).isEqualTo("node-3");
    }
  }

  @Test
  void keepsAwayFromExcludedHosts() throws Exception {
    try (LocalExecutor executor = executor(LocalExecutorOptions.defaults())) {
      AttemptOutcome outcome =
          executor.run(pod("retry", "true").excluding("node-1", "node-2").build(), p -> {});

      assertThat(outcome.hostNodeName()).isEqualTo("node-3");
    }
  }

  @Test
  void excludesHostsByTheConfiguredLabelKey() throws Exception {
    LocalExecutorOptions options =
        LocalExecutorOptions.defaults().withHostnameLabelKey("example.com/host");
    try (LocalExecutor executor = executor(options)) {
      AttemptOutcome outcome =
          executor.run(pod("custom-key", "true").excluding("node-1").build(), p -> {});

      assertThat(outcome.hostNodeName()).isEqualTo("node-2");
    }
  }

  @Test
  void placesANewPodOnTheLeastLoadedNode() throws Exception {
    try (LocalExecutor executor = executor(LocalExecutorOptions.defaults());
        ExecutorService callers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<PodProgress> beats = new CopyOnWriteArrayList<>();
      Future<AttemptOutcome> busy =
          callers.submit(() -> executor.run(pod("busy", "sleep", "0.5").build(), beats::add));
      while (beats.stream().noneMatch(b -> b.phase() == NodePhase.Running)) {
        Thread.sleep(10);
      }

      AttemptOutcome next = executor.run(pod("next", "true").build(), p -> {});

      assertThat(busy.get().hostNodeName()).isEqualTo("node-1");
      assertThat(next.hostNodeName()).isEqualTo("node-2");
    }
  }
}
