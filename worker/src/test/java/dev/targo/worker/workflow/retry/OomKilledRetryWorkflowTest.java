package dev.targo.worker.workflow.retry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.pod.PodRequest;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.worker.support.Harness;
import dev.targo.worker.support.HarnessExtension;
import dev.targo.worker.support.Histories;
import dev.targo.worker.support.Plans;
import dev.targo.worker.support.ScriptedExecutor;
import dev.targo.worker.support.ScriptedExecutor.Step;
import io.temporal.api.enums.v1.EventType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * targo's {@code retryStrategy.onOOMKilled.memory} and {@code {{lastRetry.reason}}} through the
 * workflow, on workflow time (ARGO-SEMANTICS "targo extensions").
 */
class OomKilledRetryWorkflowTest {
  private static final String WF = "oom";

  private static final String YAML =
      """
      apiVersion: argoproj.io/v1alpha1
      kind: Workflow
      metadata:
        name: oom
      spec:
        entrypoint: big
        templates:
          - name: big
            retryStrategy:
              limit: 3
              backoff: {duration: "1"}
              expression: "lastRetry.reason == 'OOMKilled'"
              onOOMKilled:
                memory: {factor: 2, max: 1Gi}
            podSpecPatch: '{"containers":[{"name":"main","env":[{"name":"WHY","value":"{{lastRetry.reason}}"}]}]}'
            container:
              image: alpine:3
              command: [sh, -c]
              args: ["echo 'retry {{retries}} after {{lastRetry.reason}}'"]
              resources:
                requests: {memory: 32Mi}
                limits: {memory: 64Mi}
      """;

  @RegisterExtension final HarnessExtension harnesses = new HarnessExtension();

  /** Attempts before {@code succeedAt} are OOM-killed; that one succeeds. */
  private Harness oomKilledUntil(int succeedAt) {
    return harnesses.start(
        new ScriptedExecutor(
            r -> r.attempt() >= succeedAt ? Step.succeed("node-1") : Step.oomKilled("node-1")));
  }

  @Test
  void eachOomKilledAttemptIsRetriedWithDoubleTheMemoryUntilOneSucceeds() {
    Harness harness = oomKilledUntil(2);

    WorkflowStatus status = harness.runToEnd(Plans.run(WF, YAML));

    assertThat(status.phase()).isEqualTo(NodePhase.Succeeded);
    assertThat(harness.executor.requests())
        .extracting(r -> r.template().body().container().resources().toString())
        .containsExactly(
            "{\"requests\":{\"memory\":\"32Mi\"},\"limits\":{\"memory\":\"64Mi\"}}",
            "{\"requests\":{\"memory\":\"64Mi\"},\"limits\":{\"memory\":\"128Mi\"}}",
            "{\"requests\":{\"memory\":\"128Mi\"},\"limits\":{\"memory\":\"256Mi\"}}");
  }

  @Test
  void anExpressionOnLastRetryReasonStopsRetryingAtAnotherFailure() {
    Harness harness =
        harnesses.start(
            new ScriptedExecutor(
                r -> r.attempt() == 0 ? Step.oomKilled("node-1") : Step.fail("node-1")));

    WorkflowStatus status = harness.runToEnd(Plans.run(WF, YAML));

    assertThat(status.message()).isEqualTo("retryStrategy.expression evaluated to false");
    assertThat(harness.executor.requests()).hasSize(2);
  }

  @Test
  void lastRetryReasonIsTheTerminationReasonOfTheAttemptBeforeInArgsAndPodSpecPatch() {
    Harness harness = oomKilledUntil(1);

    harness.runToEnd(Plans.run(WF, YAML));

    assertThat(harness.executor.requests())
        .extracting(PodRequest::template)
        .extracting(t -> t.body().container().args().getFirst())
        .containsExactly("echo 'retry 0 after '", "echo 'retry 1 after OOMKilled'");
    assertThat(harness.executor.requests())
        .extracting(r -> r.template().podSpecPatch())
        .containsExactly(
            "{\"containers\":[{\"name\":\"main\",\"env\":[{\"name\":\"WHY\",\"value\":\"\"}]}]}",
            "{\"containers\":[{\"name\":\"main\",\"env\":[{\"name\":\"WHY\",\"value\":\"OOMKilled\"}]}]}");
  }

  @Test
  void summariesSayHowTheMemoryGrewAndWhyTheAttemptBeforeEnded() {
    Harness harness = oomKilledUntil(1);

    harness.runToEnd(Plans.run(WF, YAML));

    assertThat(
            Histories.summaries(harness.events(WF), EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .stream()
                .filter(s -> s.startsWith("attempt "))
                .toList())
        .containsExactly(
            "attempt 1/4 of big", "attempt 2/4 of big, memory 64Mi→128Mi after OOMKilled");
    assertThat(Histories.summaries(harness.events(WF), EventType.EVENT_TYPE_TIMER_STARTED))
        .singleElement()
        .asString()
        .endsWith("before attempt 2 — attempt 1 Failed (exit 137, OOMKilled) on node-1");
  }
}
