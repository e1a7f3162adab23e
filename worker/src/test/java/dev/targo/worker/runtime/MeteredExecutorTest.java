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
}
