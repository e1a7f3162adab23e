package dev.targo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import dev.targo.api.temporal.PodProgress;
import dev.targo.argo.status.NodePhase;
import dev.targo.cli.client.EmbeddedTemporal;
import dev.targo.worker.executor.local.LocalExecutor;
import dev.targo.worker.executor.local.LocalExecutorOptions;
import dev.targo.worker.runtime.TargoWorker;
import dev.targo.worker.workflow.WorkerSettings;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An attempt reports Running, in the heartbeat that {@code get}, {@code watch} and the Web UI read,
 * soon after its container starts, with the heartbeat timeout a worker really runs with (60 s). The
 * SDK throttles heartbeats to 0.8 × that timeout, which held Running back for up to 48 s.
 */
class RunningLatencyTest {

  @TempDir Path stateDir;

  @Test
  void aStartedContainerIsReportedRunningWithinAboutASecond() throws Exception {
    try (EmbeddedTemporal temporal = EmbeddedTemporal.start();
        LocalExecutor executor =
            new LocalExecutor(LocalExecutorOptions.defaults().withStateDir(stateDir))) {
      WorkflowServiceStubs service =
          WorkflowServiceStubs.newServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
      WorkflowClient client =
          WorkflowClient.newInstance(
              service,
              WorkflowClientOptions.newBuilder()
                  .setDataConverter(PayloadJson.dataConverter())
                  .build());
      WorkerFactory factory = WorkerFactory.newInstance(client);
      TargoWorker.register(factory, Names.TASK_QUEUE, executor, WorkerSettings.defaults(null));
      factory.start();
      try {
        TargoServer.Result r =
            TargoServer.run(
                Workflows.shell("slow-start", 0, "sleep 90"),
                "submit",
                "-",
                "-o",
                "name",
                "--address",
                temporal.address());
        assertThat(r.exitCode()).as(r.err()).isZero();

        Duration latency = latencyToRunning(client, "slow-start");

        System.out.println("Running reported " + latency.toMillis() + " ms after the start");
        assertThat(latency).isLessThan(Duration.ofSeconds(3));
      } finally {
        factory.shutdownNow();
        factory.awaitTermination(10, TimeUnit.SECONDS);
        service.shutdownNow();
      }
    }
  }

  /** Polls the pending activity's heartbeat until it says Running; returns how late that was. */
  private static Duration latencyToRunning(WorkflowClient client, String id) throws Exception {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      Optional<PodProgress> running =
          client
              .getWorkflowServiceStubs()
              .blockingStub()
              .describeWorkflowExecution(
                  DescribeWorkflowExecutionRequest.newBuilder()
                      .setNamespace(client.getOptions().getNamespace())
                      .setExecution(WorkflowExecution.newBuilder().setWorkflowId(id))
                      .build())
              .getPendingActivitiesList()
              .stream()
              .filter(PendingActivityInfo::hasHeartbeatDetails)
              .map(
                  a ->
                      PayloadJson.dataConverter()
                          .fromPayloads(
                              0,
                              Optional.of(a.getHeartbeatDetails()),
                              PodProgress.class,
                              PodProgress.class))
              .filter(p -> p.phase() == NodePhase.Running)
              .findFirst();
      if (running.isPresent()) {
        return Duration.between(running.get().startedAt(), Instant.now());
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the attempt was never reported Running within 60 s");
  }
}
