package dev.targo.worker.workflow.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.targo.api.Names;
import dev.targo.api.temporal.ArgoWorkflow;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.executor.local.LocalExecutor;
import dev.targo.worker.executor.local.LocalExecutorOptions;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.Poll;
import dev.targo.worker.workflow.WorkerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code targo stop} / {@code terminate}: the stop signal ends the running attempt (its pod is
 * deleted) and the workflow, both Failed with Argo's {@code Stopped with strategy '…'}.
 */
class ShutdownWorkflowTest {
  private static final String WF = "stopped";

  @TempDir Path dir;

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  private Harness harness;
  private LocalExecutor executor;

  private WorkflowStatus stopWhileRunning(String strategy) throws IOException {
    executor =
        harnesses.closeAfter(
            new LocalExecutor(
                LocalExecutorOptions.defaults()
                    .withStateDir(dir.resolve("pods"))
                    // A plain process: the test reads its host PID from a file the pod writes.
                    .withOwnRoots(false)));
    // Short heartbeats, so the cancellation reaches the pod within a second or two.
    WorkerSettings settings =
        new WorkerSettings(
            Duration.ofSeconds(2),
            Duration.ofDays(1),
            Duration.ofSeconds(1),
            Duration.ofSeconds(1),
            null,
            "default");
    harness = harnesses.start(env -> executor, settings);
    Path pid = dir.resolve("pid");
    // "$$$$" is the shell's "$$" once Kubernetes' $(VAR) escaping has made "$$" of each "$$".
    ContainerSpec container =
        new ContainerSpec(
            "alpine:3",
            List.of("sh", "-c"),
            List.of("echo $$$$ > " + pid + "; exec sleep 120"),
            List.of(),
            null,
            null,
            List.of(),
            null,
            null);
    Template template =
        new Template(
            "sleeper",
            new TemplateBody.ContainerBody(container),
            List.of(),
            Plans.strategy("3", null),
            null,
            null,
            Map.of(),
            null,
            List.of(),
            null,
            null,
            null);
    ArgoWorkflow workflow = harness.start(Plans.run(WF, Plans.plan(template)));
    Poll.until(() -> hasPid(pid));
    workflow.stop(strategy);
    WorkflowStatus status = Harness.result(workflow);
    long process = Long.parseLong(Files.readString(pid).strip());
    Poll.until(() -> ProcessHandle.of(process).map(p -> !p.isAlive()).orElse(true));
    return status;
  }

  private static boolean hasPid(Path file) {
    try {
      return Files.exists(file) && Files.readString(file).endsWith("\n");
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void stopEndsTheWorkflowFailedWithArgosStopMessage() throws IOException {
    WorkflowStatus status = stopWhileRunning(Names.STOP_STRATEGY_STOP);

    assertThat(status.phase()).isEqualTo(NodePhase.Failed);
    assertThat(status.message()).isEqualTo("Stopped with strategy 'Stop'");
  }

  @Test
  void terminateEndsTheRunningAttemptWithArgosTerminateMessageAndStartsNoOther()
      throws IOException {
    WorkflowStatus status = stopWhileRunning(Names.STOP_STRATEGY_TERMINATE);

    List<NodeStatus> attempts =
        status.nodes().values().stream().filter(n -> n.type() == NodeType.Pod).toList();
    assertThat(attempts)
        .extracting(NodeStatus::phase, NodeStatus::message)
        .containsExactly(tuple(NodePhase.Failed, "Stopped with strategy 'Terminate'"));
  }
}
