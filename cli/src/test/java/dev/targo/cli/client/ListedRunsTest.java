package dev.targo.cli.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.status.NodePhase;
import dev.targo.cli.client.ListedRuns.Row;
import dev.targo.cli.client.ListedRuns.Run;
import dev.targo.cli.client.ListedRuns.State;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListedRunsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  private static Run run(String id, State state, int startMinute, String phase, Long attempts) {
    Instant start = T0.plusSeconds(60L * startMinute);
    Instant close = state == State.RUNNING ? null : start.plusSeconds(30);
    return new Run(id, state, start, close, phase, "main", attempts, null, null);
  }

  @Test
  void aWorkflowThatContinuedAsNewIsOneRowOfItsLatestRunAgedFromItsFirst() {
    Run first = run("wf", State.CONTINUED_AS_NEW, 0, "Running", 100L);
    Run second = run("wf", State.CONTINUED_AS_NEW, 5, "Running", 100L);
    Run latest = run("wf", State.COMPLETED, 9, "Failed", 100L);

    List<Row> rows = ListedRuns.rows(List.of(latest, second, first), List.of(second, first));

    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).run()).isEqualTo(latest);
    assertThat(rows.get(0).createdAt()).isEqualTo(T0);
    assertThat(rows.get(0).earlierRuns()).isEqualTo(2);
  }

  @Test
  void rowsAreNewestSubmissionFirstWhateverTheirLatestRunsStart() {
    Run oldFirst = run("old", State.CONTINUED_AS_NEW, 0, "Running", 100L);
    Run oldLatest = run("old", State.RUNNING, 20, "Running", 40L);
    Run young = run("young", State.RUNNING, 10, "Running", 3L);

    List<Row> rows = ListedRuns.rows(List.of(oldLatest, young), List.of(oldFirst));

    assertThat(rows).extracting(Row::name).containsExactly("young", "old");
    assertThat(rows).extracting(Row::earlierRuns).containsExactly(0, 1);
  }

  @Test
  void earlierRunsOfWorkflowsNotListedAreIgnored() {
    Run other = run("other", State.CONTINUED_AS_NEW, 0, "Running", 100L);
    Run wf = run("wf", State.RUNNING, 3, "Running", 1L);

    List<Row> rows = ListedRuns.rows(List.of(wf), List.of(other));

    assertThat(rows).extracting(Row::name).containsExactly("wf");
    assertThat(rows.get(0).createdAt()).isEqualTo(wf.startedAt());
  }

  @Test
  void aRunningWorkflowShowsItsPendingOrRunningPhaseAndNeverAFinishedOne() {
    assertThat(ListedRuns.shownPhase(run("a", State.RUNNING, 0, "Pending", 0L)))
        .isEqualTo("Pending");
    assertThat(ListedRuns.shownPhase(run("a", State.RUNNING, 0, null, null))).isEqualTo("Running");
    // The upsert of the end is not visible yet while the run is still open.
    assertThat(ListedRuns.shownPhase(run("a", State.RUNNING, 0, "Failed", 3L)))
        .isEqualTo("Running");
  }

  @Test
  void anEndedWorkflowShowsItsFinalPhaseOrAsksForItsResult() {
    assertThat(ListedRuns.shownPhase(run("a", State.COMPLETED, 0, "Succeeded", 1L)))
        .isEqualTo("Succeeded");
    assertThat(ListedRuns.shownPhase(run("a", State.FAILED, 0, "Error", 1L))).isEqualTo("Error");
    assertThat(ListedRuns.shownPhase(run("a", State.COMPLETED, 0, "Running", 1L))).isNull();
    assertThat(ListedRuns.shownPhase(run("a", State.COMPLETED, 0, null, null))).isNull();
  }

  @Test
  void aRunTemporalTerminatedIsAnErrorWhateverItsLastUpsertSaid() {
    assertThat(ListedRuns.shownPhase(run("a", State.STOPPED, 0, "Running", 1L))).isEqualTo("Error");
  }

  @Test
  void phasesAreArgosWorkflowPhasesInAnyCase() {
    assertThat(ListedRuns.phase("failed")).contains(NodePhase.Failed);
    assertThat(ListedRuns.phase("SUCCEEDED")).contains(NodePhase.Succeeded);
    assertThat(ListedRuns.phase("Omitted")).isEmpty();
    assertThat(ListedRuns.phase("Bogus")).isEmpty();
  }
}
