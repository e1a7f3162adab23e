package dev.targo.argo.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptDeadlinesTest {

  private static final Instant NOW = Instant.parse("2024-01-01T00:00:00Z");

  @Test
  void nothingBoundsAnAttemptWithoutDeadlines() {
    assertThat(AttemptDeadlines.activeDeadlineSeconds(null, null, null, null, NOW, 3)).isNull();
  }

  @Test
  void templateDeadlineAloneIsKept() {
    assertThat(AttemptDeadlines.activeDeadlineSeconds(120L, null, null, null, NOW, 0))
        .isEqualTo(120L);
  }

  @Test
  void firstAttemptIsNotBoundByTheWindow() {
    assertThat(
            AttemptDeadlines.activeDeadlineSeconds(null, null, NOW.plusSeconds(30), null, NOW, 0))
        .isNull();
  }

  @Test
  void laterAttemptsGetTheTimeLeftInTheWindow() {
    assertThat(
            AttemptDeadlines.activeDeadlineSeconds(null, null, NOW.plusSeconds(30), null, NOW, 1))
        .isEqualTo(30L);
  }

  @Test
  void windowNeverLengthensTheTemplatesOwnDeadline() {
    assertThat(AttemptDeadlines.activeDeadlineSeconds(10L, null, NOW.plusSeconds(30), null, NOW, 2))
        .isEqualTo(10L);
  }

  @Test
  void windowShortensTheTemplatesDeadline() {
    assertThat(
            AttemptDeadlines.activeDeadlineSeconds(100L, null, NOW.plusSeconds(30), null, NOW, 2))
        .isEqualTo(30L);
  }

  @Test
  void partialSecondsRoundUp() {
    assertThat(
            AttemptDeadlines.activeDeadlineSeconds(null, null, NOW.plusMillis(2500), null, NOW, 1))
        .isEqualTo(3L);
  }

  @Test
  void passedWindowStillGivesOneSecond() {
    assertThat(
            AttemptDeadlines.activeDeadlineSeconds(null, null, NOW.minusSeconds(5), null, NOW, 1))
        .isEqualTo(1L);
  }

  @Test
  void workflowDeadlineBoundsEveryAttempt() {
    assertThat(
            AttemptDeadlines.activeDeadlineSeconds(600L, null, null, NOW.plusSeconds(45), NOW, 0))
        .isEqualTo(45L);
  }

  @Test
  void earliestOfWindowAndWorkflowDeadlineWins() {
    assertThat(
            AttemptDeadlines.activeDeadlineSeconds(
                600L, null, NOW.plusSeconds(50), NOW.plusSeconds(45), NOW, 1))
        .isEqualTo(45L);
  }

  @Test
  void theTimeoutsDeadlineReplacesTheTemplatesOwnAsInArgosPodBuilder() {
    assertThat(AttemptDeadlines.activeDeadlineSeconds(10L, 59L, null, null, NOW, 0)).isEqualTo(59L);
  }

  @Test
  void theTimeoutsDeadlineIsStillBoundedByTheWorkflowsDeadline() {
    assertThat(AttemptDeadlines.activeDeadlineSeconds(null, 59L, null, NOW.plusSeconds(20), NOW, 0))
        .isEqualTo(20L);
  }

  @Test
  void theTimeoutsDeadlineIsStillBoundedByTheWindowOnLaterAttempts() {
    assertThat(AttemptDeadlines.activeDeadlineSeconds(null, 59L, NOW.plusSeconds(12), null, NOW, 1))
        .isEqualTo(12L);
  }
}
