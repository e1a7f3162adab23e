package dev.targo.argo.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.status.NodePhase;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DependsTest {
  private static final Depends A_SUCCEEDED = new Depends.Result("a", TaskResult.Succeeded);
  private static final Depends B_FAILED = new Depends.Result("b", TaskResult.Failed);

  @Test
  void resultHoldsWhenTheTaskHasIt() {
    assertThat(A_SUCCEEDED.holds(Map.of("a", EnumSet.of(TaskResult.Succeeded))::get)).isTrue();
    assertThat(A_SUCCEEDED.holds(Map.of("a", EnumSet.of(TaskResult.Failed))::get)).isFalse();
  }

  @ParameterizedTest(name = "a={0} b={1}: and={2} or={3} notA={4}")
  @CsvSource({
    "Succeeded, Failed,    true,  true,  false",
    "Succeeded, Succeeded, false, true,  false",
    "Failed,    Failed,    false, true,  true",
    "Failed,    Succeeded, false, false, true",
  })
  void combinesResultsWithAndOrNot(
      TaskResult a, TaskResult b, boolean and, boolean or, boolean notA) {
    Map<String, Set<TaskResult>> results = Map.of("a", EnumSet.of(a), "b", EnumSet.of(b));

    assertThat(new Depends.And(A_SUCCEEDED, B_FAILED).holds(results::get)).isEqualTo(and);
    assertThat(new Depends.Or(A_SUCCEEDED, B_FAILED).holds(results::get)).isEqualTo(or);
    assertThat(new Depends.Not(A_SUCCEEDED).holds(results::get)).isEqualTo(notA);
  }

  @Test
  void printsAsArgosExpandedDependsText() {
    Depends d =
        new Depends.And(
            new Depends.Or(A_SUCCEEDED, new Depends.Result("a", TaskResult.Skipped)),
            new Depends.Not(new Depends.Or(B_FAILED, A_SUCCEEDED)));

    assertThat(d).hasToString("(a.Succeeded || a.Skipped) && !(b.Failed || a.Succeeded)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "Succeeded, Succeeded",
    "Failed,    Failed",
    "Error,     Errored",
    "Skipped,   Skipped",
    "Omitted,   Omitted",
  })
  void aFinishedTaskHasTheResultOfItsPhase(NodePhase phase, TaskResult result) {
    assertThat(TaskResult.of(phase, null)).containsExactly(result);
  }

  @Test
  void aLoopWithOneSuccessAnySucceeded() {
    assertThat(TaskResult.of(NodePhase.Failed, List.of(NodePhase.Failed, NodePhase.Succeeded)))
        .containsExactlyInAnyOrder(TaskResult.Failed, TaskResult.AnySucceeded);
  }

  @Test
  void aLoopWhoseChildrenAllFailedAllFailed() {
    assertThat(TaskResult.of(NodePhase.Failed, List.of(NodePhase.Failed, NodePhase.Failed)))
        .containsExactlyInAnyOrder(TaskResult.Failed, TaskResult.AllFailed);
  }

  @Test
  void aLoopWithAnErroredChildHasNotAllFailed() {
    assertThat(TaskResult.of(NodePhase.Failed, List.of(NodePhase.Failed, NodePhase.Error)))
        .containsExactly(TaskResult.Failed);
  }

  @Test
  void anEmptyLoopNeitherAnySucceededNorAllFailed() {
    assertThat(TaskResult.of(NodePhase.Succeeded, List.of())).containsExactly(TaskResult.Succeeded);
  }
}
