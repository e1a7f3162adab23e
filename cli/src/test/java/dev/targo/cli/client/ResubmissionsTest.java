package dev.targo.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.api.temporal.WorkflowRetry;
import dev.targo.argo.status.NodePhase;
import dev.targo.argo.status.NodeStatus;
import dev.targo.argo.status.NodeType;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What {@code targo resubmit --memoized} checks and keeps, before anything starts. */
class ResubmissionsTest {
  private static final Instant NOW = Instant.parse("2026-02-03T04:05:06Z");

  @Test
  void onlyAFailedOrErrorWorkflowIsResubmittedInMemoizedModeWithArgosWords() {
    assertThat(Resubmissions.memoizedRefusal(RetriesTest.failed(false, NodePhase.Failed))).isNull();
    assertThat(Resubmissions.memoizedRefusal(RetriesTest.failed(false, NodePhase.Error))).isNull();
    String argo = "cannot resubmit wf: workflow must be Failed/Error to resubmit in memoized mode";
    assertThat(Resubmissions.memoizedRefusal(RetriesTest.failed(false, NodePhase.Succeeded)))
        .isEqualTo(argo);
    // A running workflow's recorded phase may still say Failed (a retry under way): running wins.
    assertThat(Resubmissions.memoizedRefusal(RetriesTest.failed(true, NodePhase.Failed)))
        .isEqualTo(argo);
  }

  @Test
  void theNewWorkflowKeepsTheSucceededRootPodRenamedWithAUidOfItsOwnAndDeletesNoPod() {
    // Failed for another reason (its exit handler, say): the root pod itself succeeded.
    WorkflowRetry kept =
        Resubmissions.kept(RetriesTest.failed(false, NodePhase.Succeeded), "wf-abcde", NOW);
    WorkflowRetry again =
        Resubmissions.kept(RetriesTest.failed(false, NodePhase.Succeeded), "wf-abcde", NOW);

    assertThat(kept.retainedNodes()).hasSize(1);
    NodeStatus root = kept.retainedNodes().get(0);
    assertThat(root.id()).isEqualTo("wf-abcde");
    assertThat(root.name()).isEqualTo("wf-abcde");
    assertThat(root.type()).isEqualTo(NodeType.Skipped);
    assertThat(root.message()).isEqualTo("original pod: wf");
    assertThat(root.startedAt()).isEqualTo(NOW);
    assertThat(kept.podsToDelete()).isEmpty();
    assertThat(UUID.fromString(kept.uid()).toString()).isEqualTo(kept.uid());
    assertThat(kept.uid()).isNotEqualTo("first-run-id").isNotEqualTo(again.uid());
  }

  @Test
  void aFailedRootPodIsNotKept() {
    assertThat(
            Resubmissions.kept(RetriesTest.failed(false, NodePhase.Failed), "wf-abcde", NOW)
                .retainedNodes())
        .isEmpty();
  }
}
