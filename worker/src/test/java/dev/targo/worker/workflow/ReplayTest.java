package dev.targo.worker.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.api.Names;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.runtime.TargoWorker;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.NonDeterministicException;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Histories recorded by {@link HistoryRecorder} must replay on the current workflow code: a change
 * that would break running workflows fails here first.
 */
class ReplayTest {
  private TestWorkflowEnvironment env;

  @BeforeEach
  void environment() {
    env = Harness.environment();
  }

  @AfterEach
  void close() {
    env.close();
  }

  private static WorkflowExecutionHistory history(String file) throws IOException {
    try (InputStream in = ReplayTest.class.getResourceAsStream("/histories/" + file)) {
      assertThat(in).as(file).isNotNull();
      return WorkflowExecutionHistory.fromJson(
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private Worker targoWorker() {
    return TargoWorker.register(
        env.getWorkerFactory(),
        Names.TASK_QUEUE,
        new ScriptedExecutor(r -> Step.succeed("unused")),
        WorkerSettings.defaults(null));
  }

  static List<String> recordedHistories() {
    return HistoryRecorder.FILES;
  }

  @ParameterizedTest
  @MethodSource("recordedHistories")
  void recordedHistoryReplaysOnTheCurrentWorkflow(String file) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(history(file), targoWorker());
  }

  @Test
  void workflowThatWaitsBeforeItsFirstAttemptDoesNotReplay() throws Exception {
    Worker worker = env.newWorker(Names.TASK_QUEUE);
    worker.registerWorkflowImplementationFactory(ArgoWorkflow.class, WaitsFirst::new);

    assertThatThrownBy(
            () ->
                WorkflowReplayer.replayWorkflowExecution(
                    history("pod-root-succeeds-on-third-attempt.json"), worker))
        // The replayer reports the failure as text: the history's first attempt meets a timer.
        .hasMessageContaining(NonDeterministicException.class.getName())
        .hasMessageContaining(
            "EVENT_TYPE_ACTIVITY_TASK_SCHEDULED does not match command type"
                + " COMMAND_TYPE_START_TIMER");
  }

  /** A changed workflow: it sleeps before doing what the recorded one did. */
  static final class WaitsFirst implements ArgoWorkflow {
    private final ArgoWorkflowImpl real = new ArgoWorkflowImpl(WorkerSettings.defaults(null));

    @Override
    public WorkflowStatus run(WorkflowRun run) {
      Workflow.sleep(Duration.ofSeconds(1));
      return real.run(run);
    }

    @Override
    public WorkflowStatus status() {
      return real.status();
    }

    @Override
    public void stop(String strategy) {
      real.stop(strategy);
    }

    @Override
    public void updateNodes(dev.targo.api.temporal.NodeUpdate update) {
      real.updateNodes(update);
    }

    @Override
    public void lockGranted(String key) {}

    @Override
    public void daemoned(dev.targo.api.temporal.Daemoned daemoned) {}
  }
}
