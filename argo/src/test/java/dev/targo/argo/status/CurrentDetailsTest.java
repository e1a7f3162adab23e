package dev.targo.argo.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CurrentDetailsTest {

  @Test
  void runningWorkflowShowsWhatItsRootNodeWaitsFor() {
    WorkflowStatus status =
        new WorkflowStatus(NodePhase.Running, null, null, null, "0/2", Map.of());

    assertThat(CurrentDetails.of(status, "Backoff for 2 seconds"))
        .isEqualTo("Running · progress 0/2 · Backoff for 2 seconds");
  }

  @Test
  void aSuspendedWorkflowSaysSoAsArgosPrinterDoesUntilItEnds() {
    WorkflowStatus running =
        new WorkflowStatus(NodePhase.Running, null, null, null, "1/2", Map.of()).suspended(true);
    WorkflowStatus failed =
        new WorkflowStatus(NodePhase.Failed, "Stopped", null, null, "1/2", Map.of())
            .suspended(true);

    assertThat(CurrentDetails.of(running, null)).isEqualTo("Running (Suspended) · progress 1/2");
    assertThat(CurrentDetails.of(failed, null)).isEqualTo("Failed · progress 1/2 · Stopped");
  }

  @Test
  void failedWorkflowShowsItsMessage() {
    WorkflowStatus status =
        new WorkflowStatus(NodePhase.Failed, "No more retries left", null, null, "0/3", Map.of());

    assertThat(CurrentDetails.of(status, "No more retries left"))
        .isEqualTo("Failed · progress 0/3 · No more retries left");
  }

  @Test
  void mentionsAttemptNodesNoLongerKept() {
    WorkflowStatus status =
        new WorkflowStatus(NodePhase.Running, null, null, null, "0/150", Map.of(), 50);

    assertThat(CurrentDetails.of(status, null))
        .isEqualTo("Running · progress 0/150 · 50 older attempt nodes not kept");
  }

  @Test
  void aRunningAttemptIsNamedWithItsPod() {
    NodeTree tree = new NodeTree("wf");
    tree.started("wf", "wf", NodeType.Retry, "t", java.time.Instant.EPOCH);
    tree.startedPod("wf-2", "wf(2)", "t", "wf-t-2", java.time.Instant.EPOCH);
    tree.link(java.util.List.of("wf"), "wf-2");

    assertThat(
            CurrentDetails.of(tree.status(NodePhase.Running, null, null, null), "Backoff for 1s"))
        .isEqualTo("Running · progress 0/1 · Backoff for 1s · attempt wf(2) in pod wf-t-2");
  }
}
