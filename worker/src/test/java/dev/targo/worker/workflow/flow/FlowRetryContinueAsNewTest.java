package dev.targo.worker.workflow.flow;

import static dev.targo.worker.support.FlowPlans.group;
import static dev.targo.worker.support.FlowPlans.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.Names;
import dev.targo.api.PayloadJson;
import dev.targo.argo.PodNames;
import dev.targo.argo.plan.Template;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.runtime.TargoWorker;
import dev.targo.worker.support.FlowPlans;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import dev.targo.worker.workflow.ContinueAsNewPolicy;
import dev.targo.worker.workflow.WorkerSettings;
import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A steps template retried for ever ({@code retryStrategy: {}}) whose step fails many times before
 * it succeeds: the workflow the steps node is the top of continues as new between attempts, every
 * run's history stays bounded, and the final tree is the one a single run would have built (the
 * most recent attempts in full, older ones counted).
 */
class FlowRetryContinueAsNewTest {
  private static final String WF = "wf";

  /** The attempt index {@code n} of the steps node a pod runs under ({@code wf(n)[0].a}). */
  private static int stepsAttempt(PodRequest r) {
    String name = r.nodeName();
    int open = name.indexOf('(');
    return Integer.parseInt(name.substring(open + 1, name.indexOf(')', open)));
  }

  private static Step failingUntil(PodRequest r, int succeedAt) {
    return stepsAttempt(r) >= succeedAt ? Step.succeed("node-2") : Step.fail("node-1");
  }

  /** The entrypoint is the retried steps template; its step fails under attempts 0–149. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class AtTheRoot {
    private static final int ATTEMPTS = 151;
    private Harness harness;
    private WorkflowStatus status;
    private List<WorkflowExecutionHistory> runs;

    @BeforeAll
    void run() {
      Template main = FlowPlans.steps("main", Plans.retryForever(), group(step("a", "work")));
      harness = new Harness(new ScriptedExecutor(r -> failingUntil(r, ATTEMPTS - 1)));
      status =
          harness.runToEnd(Plans.run(WF, FlowPlans.plan(main, Plans.container("work", null, "x"))));
      runs = harness.runs(WF);
      System.out.printf(
          "retried steps template, %d attempts: runs of %s history events%n",
          ATTEMPTS, runs.stream().map(r -> r.getEvents().size()).toList());
    }

    @AfterAll
    void close() {
      harness.close();
    }

    @Test
    void continuesAsNewAfterAHundredAttemptsAndFinishesInTheSecondRun() {
      assertThat(runs).hasSize(2);
      assertThat(runs.getFirst().getLastEvent().getEventType())
          .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
      assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    }

    @Test
    void everyRunsHistoryStaysBelowTheBound() {
      assertThat(runs)
          .allSatisfy(
              run ->
                  assertThat(run.getEvents()).hasSizeLessThan(ContinueAsNewPolicy.EVENTS_PER_RUN));
    }

    @Test
    void runsEveryAttemptOnceInOrder() {
      assertThat(harness.executor.requests())
          .extracting(PodRequest::nodeName)
          .containsExactlyElementsOf(
              IntStream.range(0, ATTEMPTS).mapToObj(n -> "wf(" + n + ")[0].a").toList());
    }

    @Test
    void theFinalTreeKeepsTheHundredMostRecentAttemptsAndCountsTheOthers() {
      NodeStatus retry = status.nodes().get(WF);
      assertThat(retry.children())
          .containsExactlyElementsOf(
              IntStream.range(ATTEMPTS - 100, ATTEMPTS)
                  .mapToObj(n -> PodNames.nodeId(WF, "wf(" + n + ")"))
                  .toList());
      // Attempts 51–99 ran in the first run: their nodes were carried into the second.
      assertThat(status.nodes()).containsKey(PodNames.nodeId(WF, "wf(51)[0].a"));
      assertThat(status.nodes()).doesNotContainKey(PodNames.nodeId(WF, "wf(50)[0].a"));
      // The retry node, and per attempt its steps node, step group and pod.
      assertThat(status.nodes()).hasSize(1 + 100 * 3);
      assertThat(status.omittedNodes()).isEqualTo(ATTEMPTS - 100);
      assertThat(status.progress()).isEqualTo("1/" + ATTEMPTS);
    }

    @Test
    void theRetryNodeKeepsTheFirstRunsStart() {
      assertThat(status.nodes().get(WF).startedAt()).isEqualTo(status.startedAt());
      long firstStart =
          com.google.protobuf.util.Timestamps.toMillis(
              runs.getFirst().getEvents().getFirst().getEventTime());
      assertThat(status.startedAt().toEpochMilli()).isBetween(firstStart - 1000, firstStart + 1000);
    }

    @Test
    void bothRunsReplayOnTheCurrentWorkflow() throws Exception {
      for (WorkflowExecutionHistory run : runs) {
        try (TestWorkflowEnvironment replay =
            TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder()
                    .setWorkflowClientOptions(
                        WorkflowClientOptions.newBuilder()
                            .setDataConverter(PayloadJson.dataConverter())
                            .build())
                    .build())) {
          Worker worker =
              TargoWorker.register(
                  replay.getWorkerFactory(),
                  Names.TASK_QUEUE,
                  new ScriptedExecutor(r -> Step.succeed("unused")),
                  WorkerSettings.defaults(null));
          WorkflowReplayer.replayWorkflowExecution(run, worker);
        }
      }
    }
  }

  /**
   * A step calls the retried steps template, so it runs in a child workflow; its first step always
   * succeeds, its second fails under attempts 0–109.
   */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class InAChildWorkflow {
    private static final int ATTEMPTS = 111;
    private static final String CHILD = WF + "/" + WF + "[0].g";
    private Harness harness;
    private WorkflowStatus status;

    @BeforeAll
    void run() {
      Template outer = FlowPlans.steps("outer", null, group(step("g", "group")));
      Template retried =
          FlowPlans.steps(
              "group",
              Plans.retryForever(),
              group(step("ok", "work")),
              group(step("flaky", "work")));
      harness =
          new Harness(
              new ScriptedExecutor(
                  r ->
                      r.nodeName().endsWith(".ok")
                          ? Step.succeed("node-3")
                          : failingUntil(r, ATTEMPTS - 1)));
      status =
          harness.runToEnd(
              Plans.run(WF, FlowPlans.plan(outer, retried, Plans.container("work", null, "x"))));
    }

    @AfterAll
    void close() {
      harness.close();
    }

    @Test
    void theChildContinuesAsNewAndTheRootRunsOnce() {
      assertThat(harness.runs(CHILD)).hasSize(2);
      assertThat(harness.runs(WF)).hasSize(1);
      assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    }

    @Test
    void succeededPodsOfDroppedAttemptsStillCountInTheProgress() {
      // 100 attempts kept with 2 pods each (101 succeeded); 11 dropped with 2 pods each, 1 of
      // which succeeded.
      assertThat(status.omittedNodes()).isEqualTo(22);
      assertThat(status.progress()).isEqualTo("112/222");
    }

    @Test
    void theRootHoldsTheChildsFinalSubtree() {
      String g = PodNames.nodeId(WF, "wf[0].g");
      assertThat(status.nodes().get(g).children()).hasSize(100);
      assertThat(status.nodes().get(g).children().getLast())
          .isEqualTo(PodNames.nodeId(WF, "wf[0].g(110)"));
      assertThat(status.nodes().get(PodNames.nodeId(WF, "wf[0].g(110)[1].flaky")).phase())
          .isEqualTo(NodePhase.Succeeded);
    }
  }
}
