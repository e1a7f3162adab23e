package dev.targo.worker.executor.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.targo.argo.pod.AttemptOutcome;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.executor.PodExecutor;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.Plans;
import dev.targo.worker.workflow.WorkerSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/retry-oom-grows-memory.yaml end to end on the local executor: the kernel OOM-kills the
 * first attempt in its 64Mi memory cgroup and {@code onOOMKilled} runs the second with 128Mi, where
 * it succeeds. Skipped, saying why, where this machine lets the worker make no memory cgroup.
 */
@Timeout(120)
class OomRetryEndToEndTest {
  @TempDir Path state;

  /** The local executor, keeping each request and outcome in order. */
  private static final class Recording implements PodExecutor {
    final PodExecutor delegate;
    final List<PodRequest> requests = new ArrayList<>();
    final List<AttemptOutcome> outcomes = new ArrayList<>();

    Recording(PodExecutor delegate) {
      this.delegate = delegate;
    }

    @Override
    public synchronized AttemptOutcome run(PodRequest request, Heartbeat heartbeat)
        throws Exception {
      requests.add(request);
      AttemptOutcome outcome = delegate.run(request, heartbeat);
      outcomes.add(outcome);
      return outcome;
    }
  }

  @Test
  void anOomKilledAttemptIsRetriedWithDoubleTheMemoryAndSucceeds() throws Exception {
    assumeTrue(
        MemoryCgroups.available().isPresent(),
        "no writable memory cgroup on this machine: the local executor cannot enforce"
            + " resources.limits.memory here, so OOMKilled cannot be observed");
    String yaml = Files.readString(Path.of("..", "examples", "retry-oom-grows-memory.yaml"));
    LocalExecutor local =
        new LocalExecutor(
            LocalExecutorOptions.defaults()
                .withStateDir(state)
                .withHeartbeatInterval(Duration.ofMillis(200)));
    try {
      Recording executor = new Recording(local);
      try (Harness harness = new Harness(env -> executor, WorkerSettings.defaults(null))) {
        WorkflowStatus status = harness.runToEnd(Plans.run("oom-e2e", yaml));

        assertThat(status.phase()).as(status.message()).isEqualTo(NodePhase.Succeeded);
      }
      assertThat(executor.outcomes)
          .extracting(AttemptOutcome::phase, AttemptOutcome::exitCode, AttemptOutcome::reason)
          .containsExactly(
              tuple(NodePhase.Failed, 137, "OOMKilled"), tuple(NodePhase.Succeeded, 0, null));
      assertThat(executor.outcomes.getFirst().message())
          .isEqualTo("main: OOMKilled (exit code 137)");
      assertThat(executor.requests)
          .extracting(r -> r.template().body().container().resources().toString())
          .containsExactly(
              "{\"requests\":{\"memory\":\"32Mi\"},\"limits\":{\"memory\":\"64Mi\"}}",
              "{\"requests\":{\"memory\":\"64Mi\"},\"limits\":{\"memory\":\"128Mi\"}}");
      assertThat(executor.outcomes.getLast().result()).isEqualTo("attempt 1 after 'OOMKilled'");
    } finally {
      local.close();
    }
  }
}
