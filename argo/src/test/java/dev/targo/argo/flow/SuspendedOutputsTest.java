package dev.targo.argo.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.targo.argo.plan.OutputParameter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A suspend node's outputs by Argo's rules ({@code workflow/util/util.go}: {@code
 * updateSuspendedNode}, {@code OverrideOutputParametersWithDefault}; {@code addRawOutputFields}).
 */
class SuspendedOutputsTest {
  private static OutputParameter supplied(String name, String defaultValue) {
    return new OutputParameter(name, null, null, null, defaultValue, null, null, true);
  }

  private static final OutputParameter LITERAL =
      new OutputParameter("fixed", null, null, "v", null, null);

  private static List<String> values(dev.targo.argo.status.NodeOutputs outputs) {
    return outputs.parameters().stream().map(p -> p.name() + "=" + p.value()).toList();
  }

  @Test
  void aSuppliedOutputHasNoValueUntilSetAndTakesItsDefaultOnResume() {
    SuspendedOutputs o = SuspendedOutputs.of(List.of(supplied("a", "d"), LITERAL));

    assertThat(values(o.waiting())).containsExactly("a=null", "fixed=v");
    assertThat(values(o.resumed())).containsExactly("a=d", "fixed=v");
    assertThat(values(o.set(Map.of("a", "x")).resumed())).containsExactly("a=x", "fixed=v");
    assertThat(o.unresumable()).isNull();
  }

  @Test
  void anUnsetOutputWithoutADefaultCannotResume() {
    SuspendedOutputs o = SuspendedOutputs.of(List.of(supplied("a", null)));

    assertThat(o.unresumable())
        .isEqualTo("raw output parameter 'a' has not been set and does not have a default value");
    assertThat(o.set(Map.of("a", "x")).unresumable()).isNull();
  }

  @Test
  void setRefusesWhatArgoRefuses() {
    SuspendedOutputs o = SuspendedOutputs.of(List.of(supplied("a", null), LITERAL));

    assertThatThrownBy(() -> o.set(Map.of("b", "1")))
        .hasMessage("node is not expecting output parameter 'b'");
    assertThatThrownBy(() -> o.set(Map.of("fixed", "1")))
        .hasMessage(
            "cannot set output parameter 'fixed' because it does not use valueFrom.raw or it was"
                + " already set");
    assertThatThrownBy(() -> o.set(Map.of("a", "1")).set(Map.of("a", "2")))
        .hasMessageContaining("it was already set");
    assertThatThrownBy(() -> SuspendedOutputs.of(List.of(LITERAL)).set(Map.of("fixed", "1")))
        .hasMessage(
            "cannot set output parameters because node is not expecting any raw parameters");
  }

  @Test
  void theOutputsAStatusShowsReadBackAsTheSameRules() {
    SuspendedOutputs o =
        SuspendedOutputs.shown(
            SuspendedOutputs.of(List.of(supplied("a", null), supplied("b", "d")))
                .set(Map.of("b", "x"))
                .waiting());

    assertThat(o.unresumable()).startsWith("raw output parameter 'a'");
    assertThatThrownBy(() -> o.set(Map.of("b", "y"))).hasMessageContaining("it was already set");
    assertThat(values(o.set(Map.of("a", "1")).resumed())).containsExactly("a=1", "b=x");
    assertThat(SuspendedOutputs.shown(null).waiting()).isNull();
  }
}
