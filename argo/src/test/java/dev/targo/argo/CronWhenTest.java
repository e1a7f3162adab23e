package dev.targo.argo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.argo.plan.CronSpec;
import dev.targo.argo.plan.CronStatus;
import org.junit.jupiter.api.Test;

/** A CronWorkflow's {@code when}, as Argo's {@code evalWhen} substitutes and evaluates it. */
class CronWhenTest {

  private static CronSpec cron(String when) {
    return new CronSpec("nightly", "ci", null, null, null, null, 3, 1, false, null, when);
  }

  @Test
  void aRunStartsWhileTheConditionOverTheCountsHolds() {
    CronSpec cron = cron("{{cronworkflow.succeeded}} < 2 && {{cronworkflow.name}} == nightly");

    assertThat(CronWhen.shouldRun(cron, CronStatus.NONE)).isTrue();
    assertThat(CronWhen.shouldRun(cron, CronStatus.NONE.count("nightly-60", true))).isTrue();
    assertThat(
            CronWhen.shouldRun(
                cron, CronStatus.NONE.count("nightly-60", true).count("nightly-120", true)))
        .isFalse();
  }

  @Test
  void withoutAConditionEveryRunStarts() {
    assertThat(CronWhen.shouldRun(cron(null), CronStatus.NONE)).isTrue();
    assertThat(CronWhen.shouldRun(cron(""), CronStatus.NONE)).isTrue();
  }

  @Test
  void aConditionThatIsNoBooleanFailsWithArgosWords() {
    assertThatThrownBy(
            () -> CronWhen.shouldRun(cron("{{cronworkflow.failed}} + 1"), CronStatus.NONE))
        .hasMessageContaining("Expected boolean");
  }

  @Test
  void lintRefusesVariablesTargoDoesNotProvideAndConditionsThatDoNotParse() {
    assertThat(CronWhen.problem("{{cronworkflow.failed}} < 3")).isNull();
    assertThat(CronWhen.problem("{{cronworkflow.lastScheduledTime}} == nil"))
        .startsWith("`{{cronworkflow.lastScheduledTime}}` is not available");
    assertThat(CronWhen.problem("{{= now() > cronworkflow.lastScheduledTime }}"))
        .startsWith("`{{= now() > cronworkflow.lastScheduledTime}}` is not available");
    assertThat(CronWhen.problem("{{cronworkflow.failed}} <"))
        .startsWith("Invalid 'when' expression");
  }
}
