package dev.targo.cli.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.api.temporal.WorkflowRun;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.WorkflowPlan;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import dev.targo.argo.status.WorkflowStatus;
import dev.targo.cli.UserError;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run {@code targo retry} starts, built from the workflow as read, before anything starts. */
class RetriesTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String YAML =
      """
      metadata:
        name: wf
      spec:
        entrypoint: main
        arguments:
          parameters:
          - name: ok
            value: "no"
          - name: other
            value: "1"
      """;

  /** Workflow wf, ended in {@code phase} (or running), whose root is one pod node. */
  static RunRecord failed(boolean running, NodePhase phase) {
    WorkflowPlan plan =
        new WorkflowPlan(
            "wf",
            null,
            null,
            Map.of(),
            Map.of(),
            "main",
            List.of(Parameter.of("ok", "no"), Parameter.of("other", "1")),
            Map.of(),
            null,
            null,
            null);
    NodeStatus root =
        new NodeStatus(
            "wf",
            "wf",
            "wf",
            NodeType.Pod,
            "main",
            phase,
            null,
            T0,
            T0,
            "node-1",
            List.of(),
            null,
            "wf-main-1");
    WorkflowStatus status = new WorkflowStatus(phase, null, T0, T0, "0/1", Map.of("wf", root));
    return new RunRecord(
        "wf",
        "argo",
        plan,
        YAML,
        T0,
        running,
        status,
        null,
        new WorkflowRun("wf", "argo", plan, Map.of("other", "2"), null),
        "first-run-id");
  }

  @Test
  void theRunKeepsTheUidAndTheNameAndOverridesOnTopOfTheParametersItRanWith() {
    Submission s =
        Retries.prepare(
            failed(false, NodePhase.Failed),
            new Retries.Request("wf", false, null, Map.of("ok", "yes")),
            T0);

    assertThat(s.name()).isEqualTo("wf");
    assertThat(s.namespace()).isEqualTo("argo");
    assertThat(s.retry().uid()).isEqualTo("first-run-id");
    assertThat(s.parameters())
        .containsExactlyInAnyOrderEntriesOf(Map.of("other", "2", "ok", "yes"));
    assertThat(s.plan().arguments()).extracting(Parameter::value).containsExactly("yes", "1");
    assertThat(s.yaml()).contains("name: \"ok\"\n      value: \"yes\"");
    // The failed root pod runs again: nothing kept, its pod deleted first.
    assertThat(s.retry().retainedNodes()).isEmpty();
    assertThat(s.retry().podsToDelete()).containsExactly("wf-main-1");
  }

  @Test
  void aRunningWorkflowIsRefusedWithArgosMessage() {
    assertThatThrownBy(
            () ->
                Retries.prepare(
                    failed(true, NodePhase.Running),
                    new Retries.Request("wf", false, null, Map.of()),
                    T0))
        .isInstanceOf(UserError.class)
        .hasMessage("cannot retry wf: Cannot retry a workflow in phase Running");
  }

  @Test
  void aSelectorIsParsedEvenWithoutRestartSuccessfulAsArgoParsesIt() {
    assertThatThrownBy(
            () ->
                Retries.prepare(
                    failed(false, NodePhase.Failed),
                    new Retries.Request("wf", false, "phase", Map.of()),
                    T0))
        .isInstanceOf(UserError.class)
        .hasMessageStartingWith("unable to parse node field selector 'phase': ");
  }
}
