package dev.targo.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {
  private static final Map<String, String> RUNNING =
      Map.of("workflows.argoproj.io/completed", "false", "team", "data");

  @Test
  void selectsWithEveryOperatorArgoListSends() {
    assertThat(LabelSelector.parse("workflows.argoproj.io/completed!=true")).accepts(RUNNING);
    assertThat(LabelSelector.parse("workflows.argoproj.io/completed=true")).rejects(RUNNING);
    assertThat(LabelSelector.parse("team==data")).accepts(RUNNING);
    assertThat(LabelSelector.parse("team in (ml, data)")).accepts(RUNNING);
    assertThat(LabelSelector.parse("team notin (ml,data)")).rejects(RUNNING);
    assertThat(LabelSelector.parse("team")).accepts(RUNNING);
    assertThat(LabelSelector.parse("!team")).rejects(RUNNING);
    assertThat(LabelSelector.parse("owner notin (x)")).accepts(RUNNING);
  }

  @Test
  void everyRequirementMustHold() {
    assertThat(LabelSelector.parse("team=data,workflows.argoproj.io/completed=false"))
        .accepts(RUNNING);
    assertThat(LabelSelector.parse("team in (data,ml),owner=me")).rejects(RUNNING);
    assertThat(LabelSelector.parse("")).accepts(Map.of());
  }

  @Test
  void refusesWhatItCannotRead() {
    assertThatThrownBy(() -> LabelSelector.parse("team=(x"))
        .isInstanceOf(ApiError.class)
        .hasMessage("unable to parse requirement \"team=(x\" of label selector \"team=(x\"");
  }
}
