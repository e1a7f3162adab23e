package dev.targo.argo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.argo.expr.ExprException;
import dev.targo.argo.plan.CronSpec;
import dev.targo.argo.plan.CronStatus;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A CronWorkflow's counters and {@code stopStrategy.expression}, as Argo's {@code
 * updateWfPhaseCounter} and {@code checkStopingCondition} keep and read them.
 */
class CronStopStrategyTest {

  private static CronSpec cron(String stopStrategy) {
    return new CronSpec("nightly", "ci", null, null, null, null, 3, 1, false, stopStrategy, null);
  }

  @Test
  void eachRunIsCountedOnceAsSucceededOrFailed() {
    CronStatus status =
        CronStatus.NONE
            .count("nightly-60", true)
            .count("nightly-120", false)
            .count("nightly-60", true)
            .count("nightly-180", true);

    assertThat(status.succeeded()).isEqualTo(2);
    assertThat(status.failed()).isEqualTo(1);
    assertThat(status.counted()).containsExactly("nightly-60", "nightly-120", "nightly-180");
  }

  @Test
  void onlyTheLatestRunNamesAreKept() {
    CronStatus status = CronStatus.NONE;
    for (int i = 0; i <= CronStatus.KEPT; i++) {
      status = status.count("nightly-" + i, true);
    }

    assertThat(status.succeeded()).isEqualTo(CronStatus.KEPT + 1);
    assertThat(status.counted())
        .hasSize(CronStatus.KEPT)
        .doesNotContain("nightly-0")
        .endsWith("nightly-" + CronStatus.KEPT);
  }

  @Test
  void theExpressionHoldsOnceTheCountersReachIt() {
    CronSpec cron = cron("cronworkflow.succeeded >= 2 || cronworkflow.failed >= 3");

    CronStatus one = CronStatus.NONE.count("nightly-60", true);
    assertThat(CronStopStrategy.holds(cron, one)).isFalse();
    assertThat(CronStopStrategy.holds(cron, one.count("nightly-120", true))).isTrue();
    CronStatus failures = CronStatus.NONE;
    for (int i : IntStream.range(0, 3).toArray()) {
      assertThat(CronStopStrategy.holds(cron, failures)).isFalse();
      failures = failures.count("nightly-" + i, false);
    }
    assertThat(CronStopStrategy.holds(cron, failures)).isTrue();
  }

  @Test
  void theExpressionReadsTheCronWorkflowsNameAndNamespace() {
    CronSpec cron = cron("cronworkflow.name == 'nightly' && cronworkflow.namespace == 'ci'");

    assertThat(CronStopStrategy.holds(cron, CronStatus.NONE)).isTrue();
  }

  @Test
  void withoutAStopStrategyNothingStops() {
    assertThat(CronStopStrategy.holds(cron(null), CronStatus.NONE.count("nightly-60", true)))
        .isFalse();
  }

  @Test
  void aNonBooleanResultFailsAsArgosEvalBool() {
    assertThatThrownBy(() -> CronStopStrategy.holds(cron("cronworkflow.failed"), CronStatus.NONE))
        .isInstanceOf(ExprException.class)
        .hasMessage("unable to cast expression result '%!s(int=0)' to bool");
  }

  @Test
  void checkRefusesUnknownVariablesAndSyntaxErrorsWithTheirColumn() {
    assertThatThrownBy(() -> CronStopStrategy.check("0 < cronworkflow.succeded"))
        .hasMessageStartingWith("unknown variable cronworkflow.succeded")
        .isInstanceOfSatisfying(ExprException.class, e -> assertThat(e.column()).isEqualTo(5));
    assertThatThrownBy(() -> CronStopStrategy.check("cronworkflow.failed >="))
        .isInstanceOfSatisfying(ExprException.class, e -> assertThat(e.column()).isEqualTo(22));
    CronStopStrategy.check("cronworkflow.succeeded >= 1");
  }
}
