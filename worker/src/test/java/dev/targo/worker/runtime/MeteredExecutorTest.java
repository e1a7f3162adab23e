package dev.targo.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.PodDeletion;
import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.worker.executor.PodExecutor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MeteredExecutorTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TargoMetrics metrics = new TargoMetrics(registry);

  @Test
  void passesTheWorkflowsPodDeletionsToItsExecutor() throws Exception {
    List<PodDeletion> seen = new ArrayList<>();
    PodExecutor inner =
        new PodExecutor() {
          @Override
          public AttemptOutcome run(PodRequest request, Heartbeat heartbeat) {
            throw new UnsupportedOperationException();
          }

          @Override
          public void delete(PodDeletion deletion) {
            seen.add(deletion);
          }
        };

    new MeteredExecutor(inner, metrics).delete(PodDeletion.abandoned("argo", "wf-t-1"));

    assertThat(seen).containsExactly(PodDeletion.abandoned("argo", "wf-t-1"));
  }

  @Test
  void countsThePodsTheSweeperDeleted() {
    metrics.podsSwept(2);
    metrics.podsSwept(3);

    assertThat(registry.get("targo.pods.swept").counter().count()).isEqualTo(5.0);
  }

  @Test
  void countsThePodsCreatedAgainBeforeTheyRan() throws Exception {
    AttemptOutcome restarted =
        AttemptOutcome.ofPod(
                dev.targo.argo.status.NodePhase.Succeeded,
                null,
                0,
                "node-1",
                java.time.Instant.EPOCH,
                java.time.Instant.EPOCH,
                "wf-pod",
                null,
                null)
            .withFailedPodRestarts(2);
    PodExecutor inner =
        new PodExecutor() {
          @Override
          public AttemptOutcome run(PodRequest request, Heartbeat heartbeat) {
            return restarted;
          }

          @Override
          public void delete(PodDeletion deletion) {}
        };

    new MeteredExecutor(inner, metrics).run(null, progress -> {});
    new MeteredExecutor(inner, metrics).run(null, progress -> {});

    assertThat(registry.get("targo.pods.restarted").counter().count()).isEqualTo(4.0);
  }
}
