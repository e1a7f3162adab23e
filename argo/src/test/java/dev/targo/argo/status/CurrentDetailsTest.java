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
}
