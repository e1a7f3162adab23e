package dev.targo.worker.runtime;

import com.google.protobuf.util.JsonFormat;
import io.temporal.api.history.v1.History;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.worker.Worker;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays a recorded history (a pod retried at the root, succeeding on its third attempt) on a
 * newly registered worker before it polls, so that the classes a first workflow task loads — the
 * SDK's replay machinery, Jackson's readers of the plan, {@code java.time}'s formatters with their
 * locale data, the status tree — are loaded before any real workflow task runs. On a cold JVM on a
 * busy machine that loading took over a second on the workflow thread, and the SDK's deadlock
 * detector failed the first workflow tasks ({@code PotentialDeadlockException}), each retried after
 * a workflow task timeout. Runs on the caller's thread; no call to Temporal.
 */
final class WorkflowWarmUp {
  /**
   * The history replayed: a main resource, so that it ships in the jar; ReplayTest replays it with
   * the other recorded histories.
   */
  static final String HISTORY = "/histories/pod-root-succeeds-on-third-attempt.json";

  private static final Logger LOG = LoggerFactory.getLogger(WorkflowWarmUp.class);

  private WorkflowWarmUp() {}

  /** Replays {@link #HISTORY} on {@code worker}; a failure costs only the warm-up. */
  static void run(Worker worker) {
    long t0 = System.nanoTime();
    try (InputStream in = WorkflowWarmUp.class.getResourceAsStream(HISTORY)) {
      if (in == null) {
        LOG.warn("No workflow warm-up: {} is missing from the classpath", HISTORY);
        return;
      }
      // Protobuf's own JSON reader: the SDK's fromJson needs json-path, which only tests have.
      History.Builder history = History.newBuilder();
      JsonFormat.parser()
          .ignoringUnknownFields()
          .merge(new String(in.readAllBytes(), StandardCharsets.UTF_8), history);
      worker.replayWorkflowExecution(new WorkflowExecutionHistory(history.build()));
      LOG.debug("Workflow code warmed up in {} ms", (System.nanoTime() - t0) / 1_000_000);
    } catch (Exception | LinkageError e) {
      // The first real workflow tasks load what is still missing, as they would without it.
      LOG.warn("The workflow warm-up replay failed: {}", e.toString());
    }
  }
}
