package dev.targo.worker.workflow.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.PodNames;
import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.workflow.ContinueAsNewPolicy;
import io.temporal.api.enums.v1.EventType;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code retryStrategy: {}} retries for ever: 500 attempts, the last one succeeding, must finish
 * with every run's history bounded (continue-as-new) and nothing of Argo's status lost.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnboundedRetryWorkflowTest {
  private static final String WF = "forever";
  private static final int ATTEMPTS = 500;

  /**
   * An attempt costs about 12 events (6 for its activity and backoff, 6 for its pod's deletion and
   * the workflow task it ends in); a run of 100 attempts stays well below this, and far below the
   * history size at which Temporal suggests continuing as new.
   */
  private static final int HISTORY_BOUND = 1_500;

  private Harness harness;
  private WorkflowStatus status;
  private List<WorkflowExecutionHistory> runs;

  @BeforeAll
  void runFiveHundredAttempts() {
    harness = new Harness(ScriptedExecutor.failingUntil(ATTEMPTS - 1));
    status =
        harness.runToEnd(
            Plans.run(
                WF, Plans.plan(Plans.container("t", Plans.retryForever(), "{{workflow.uid}}"))));
    runs = harness.runs(WF);
  }

  @AfterAll
  void close() {
    harness.close();
  }

  @Test
  void everyRunsHistoryStaysBelowTheBound() {
    assertThat(runs).allSatisfy(run -> assertThat(run.getEvents()).hasSizeLessThan(HISTORY_BOUND));
  }

  @Test
  void continuesAsNewEveryHundredAttempts() {
    assertThat(runs).hasSize(ATTEMPTS / ContinueAsNewPolicy.ATTEMPTS_PER_RUN);
    assertThat(runs.subList(0, runs.size() - 1))
        .allSatisfy(
            run ->
                assertThat(run.getLastEvent().getEventType())
                    .isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW));
  }

  @Test
  void runsEveryAttemptOnceWithConsecutiveIndexes() {
    assertThat(harness.executor.requests())
        .extracting(PodRequest::attempt)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(0, ATTEMPTS).boxed().toList());
  }

  @Test
  void finalStatusCountsEveryAttemptAndKeepsTheMostRecentNodes() {
    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(status.progress()).isEqualTo("1/" + ATTEMPTS);
    assertThat(status.omittedNodes()).isEqualTo(ATTEMPTS - 100);
    assertThat(status.nodes()).hasSize(101);
    assertThat(status.nodes()).containsKey(PodNames.nodeId(WF, WF + "(499)"));
    assertThat(status.nodes()).containsKey(PodNames.nodeId(WF, WF + "(400)"));
    assertThat(status.nodes()).doesNotContainKey(PodNames.nodeId(WF, WF + "(399)"));
  }

  @Test
  void everyRunGivesTheFirstRunsIdAsWorkflowUid() {
    String firstRunId =
        runs.getLast()
            .getEvents()
            .getFirst()
            .getWorkflowExecutionStartedEventAttributes()
            .getFirstExecutionRunId();

    assertThat(harness.executor.requests())
        .extracting(r -> r.template().body().container().args().getFirst())
        .containsOnly(firstRunId);
  }

  @Test
  void keepsTheFirstRunsStartTime() {
    long firstStart =
        com.google.protobuf.util.Timestamps.toMillis(
            runs.getFirst().getEvents().getFirst().getEventTime());
    assertThat(status.startedAt().toEpochMilli()).isBetween(firstStart - 1000, firstStart + 1000);
  }
}
