package dev.targo.argo.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.status.NodePhase;
import org.junit.jupiter.api.Test;

/**
 * Argo's {@code gccontroller.ttl}: the setting of a Failed or Succeeded end, else the one of any
 * end; an Errored workflow reads only {@code secondsAfterCompletion}.
 */
class TtlStrategyTest {
  @Test
  void theOutcomesOwnSettingWinsOverCompletion() {
    TtlStrategy ttl = new TtlStrategy(10, 5, 7);

    assertThat(ttl.secondsAfter(NodePhase.Succeeded)).isEqualTo(5);
    assertThat(ttl.secondsAfter(NodePhase.Failed)).isEqualTo(7);
    assertThat(ttl.secondsAfter(NodePhase.Error)).isEqualTo(10);
  }

  @Test
  void completionCoversAnOutcomeWithoutItsOwnSetting() {
    assertThat(new TtlStrategy(10, null, 7).secondsAfter(NodePhase.Succeeded)).isEqualTo(10);
    assertThat(new TtlStrategy(10, 5, null).secondsAfter(NodePhase.Failed)).isEqualTo(10);
  }

  @Test
  void anOutcomeWithNoSettingAtAllIsKeptForEver() {
    assertThat(new TtlStrategy(null, 5, null).secondsAfter(NodePhase.Failed)).isNull();
    assertThat(new TtlStrategy(null, null, 7).secondsAfter(NodePhase.Error)).isNull();
    assertThat(new TtlStrategy(null, 0, null).secondsAfter(NodePhase.Succeeded)).isZero();
  }
}
