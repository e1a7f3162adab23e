package dev.targo.argo.pod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.pod.LeftoverPods.WorkflowState;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeftoverPodsTest {

  @ParameterizedTest(name = "{0} -> delete {1}")
  @CsvSource({
    "RUNNING, false",
    "COMPLETED, false",
    "FAILED, false",
    "CANCELED, true",
    "TERMINATED, true",
    "CONTINUED_AS_NEW, false",
    "TIMED_OUT, true",
    "NOT_FOUND, true",
    "UNKNOWN, false"
  })
  void deletesThePodsOfWorkflowsThatEndedWithoutTheirOwnCleanupOrAreGone(
      WorkflowState state, boolean delete) {
    assertThat(LeftoverPods.delete(state)).isEqualTo(delete);
  }

  @ParameterizedTest(name = "{0} -> claims {1}, budget {2}")
  @CsvSource({
    "RUNNING, false, false",
    "COMPLETED, true, true",
    "FAILED, false, true",
    "CANCELED, true, true",
    "TERMINATED, true, true",
    "CONTINUED_AS_NEW, false, false",
    "TIMED_OUT, true, true",
    "NOT_FOUND, true, true",
    "UNKNOWN, false, false"
  })
  void claimsGoOnSuccessOrWithTheWorkflowAndTheBudgetOnceItHasEnded(
      WorkflowState state, boolean claims, boolean budget) {
    assertThat(LeftoverPods.deleteClaims(state)).isEqualTo(claims);
    assertThat(LeftoverPods.deleteBudget(state)).isEqualTo(budget);
  }

  @ParameterizedTest(name = "{0} -> owner anchor {1}")
  @CsvSource({
    "RUNNING, false",
    "COMPLETED, false",
    "FAILED, false",
    "CANCELED, false",
    "TERMINATED, false",
    "CONTINUED_AS_NEW, false",
    "TIMED_OUT, false",
    "NOT_FOUND, true",
    "UNKNOWN, false"
  })
  void theOwnerAnchorGoesOnlyWithTheWorkflowsRecordAsOwnedObjectsGoWithArgosWorkflow(
      WorkflowState state, boolean delete) {
    assertThat(LeftoverPods.deleteOwnerAnchor(state)).isEqualTo(delete);
  }

  @Test
  void theTableCoversEveryState() {
    assertThat(Arrays.stream(WorkflowState.values()).map(Enum::name))
        .containsExactly(
            "RUNNING",
            "COMPLETED",
            "FAILED",
            "CANCELED",
            "TERMINATED",
            "CONTINUED_AS_NEW",
            "TIMED_OUT",
            "NOT_FOUND",
            "UNKNOWN");
  }
}
