package dev.targo.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.PayloadJson;
import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.pod.PodRequest;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The MDC fields workflow code sees under {@link LogContextInterceptor}: a probe workflow, started
 * with a {@link WorkflowRun} as targo's are, reports them from its own thread, from a thread it
 * starts with {@link Async}, and after it started an attempt's activity.
 */
class LogContextInterceptorTest {
  private static final String QUEUE = "log-context";

  @WorkflowInterface
  public interface Probe {
    @WorkflowMethod
    List<String> run(WorkflowRun run);
  }

  @ActivityInterface
  public interface Attempts {
    void runAttempt(PodRequest request);
  }

  public static final class ProbeImpl implements Probe {
    @Override
    public List<String> run(WorkflowRun run) {
      String own = fields();
      String async = Async.function(ProbeImpl::fields).get();
      Workflow.newActivityStub(
              Attempts.class,
              ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build())
          .runAttempt(
              new PodRequest(
                  run.name(),
                  "default",
                  "id",
                  "probe(2)",
                  2,
                  "probe-pod",
                  null,
                  List.of(),
                  null,
                  null,
                  null));
      return List.of(own, async, fields());
    }

    private static String fields() {
      return MDC.get("WorkflowId")
          + " "
          + MDC.get("ArgoWorkflow")
          + " "
          + MDC.get("ArgoNode")
          + " "
          + MDC.get("ArgoAttempt")
          + " "
          + MDC.get("ArgoPod");
    }
  }

  private TestWorkflowEnvironment env;

  @BeforeEach
  void start() {
    env =
        TestWorkflowEnvironment.newInstance(
            TestEnvironmentOptions.newBuilder()
                .setWorkflowClientOptions(
                    WorkflowClientOptions.newBuilder()
                        .setDataConverter(PayloadJson.dataConverter())
                        .build())
                .setWorkerFactoryOptions(
                    WorkerFactoryOptions.newBuilder()
                        .setWorkerInterceptors(new LogContextInterceptor())
                        .build())
                .build());
    Worker worker = env.newWorker(QUEUE);
    worker.registerWorkflowImplementationTypes(ProbeImpl.class);
    worker.registerActivitiesImplementations((Attempts) request -> {});
    env.start();
  }

  @AfterEach
  void stop() {
    env.close();
  }

  @Test
  void workflowThreadsCarryTheWorkflowAndNodeAndThenTheAttemptTheyStarted() {
    Probe probe =
        env.getWorkflowClient()
            .newWorkflowStub(
                Probe.class,
                WorkflowOptions.newBuilder().setWorkflowId("probe").setTaskQueue(QUEUE).build());

    List<String> seen = probe.run(new WorkflowRun("probe", "default", null, null, null));

    assertThat(seen)
        .containsExactly(
            "probe probe probe null null",
            "probe probe probe null null",
            "probe probe probe(2) 3 probe-pod");
  }
}
