package dev.targo.argo.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputsTest {
  private static Template withInputs(Parameter... inputs) {
    return new Template(
        "t",
        new TemplateBody.StepsBody(List.of()),
        List.of(inputs),
        null,
        null,
        null,
        Map.of(),
        null,
        List.of(),
        null,
        null,
        null);
  }

  @Test
  void anArgumentWinsOverValueAndDefault() {
    Template t =
        withInputs(new Parameter("a", "v", "d", null), new Parameter("b", null, "d", null));

    assertThat(Inputs.bind(t, List.of(Parameter.of("a", "arg"))))
        .isEqualTo(
            new Inputs.Binding.Bound(
                new java.util.TreeMap<>(
                    Map.of("inputs.parameters.a", "arg", "inputs.parameters.b", "d"))));
  }

  @Test
  void anInputWithoutAnyValueWasNotSupplied() {
    assertThat(Inputs.bind(withInputs(new Parameter("a", null, null, null)), List.of()))
        .isEqualTo(new Inputs.Binding.Missing("inputs.parameters.a was not supplied"));
  }

  /**
   * Argo's {@code ProcessArgs} ({@code workflow/common/util.go}): an absent optional is unsupplied.
   */
  @Test
  void anArgumentReferencingASkippedNodesAbsentOutputLeavesTheInputsDefault() {
    Template t = withInputs(new Parameter("in", null, "fallback-from-input", null));

    assertThat(Inputs.bind(t, List.of(Parameter.of("in", SkippedOutputs.ABSENT))))
        .isEqualTo(
            new Inputs.Binding.Bound(
                new java.util.TreeMap<>(Map.of("inputs.parameters.in", "fallback-from-input"))));
  }

  @Test
  void anAbsentOptionalForAnInputWithoutDefaultCannotBeBound() {
    Template t = withInputs(new Parameter("in", null, null, null));

    assertThat(Inputs.bind(t, List.of(Parameter.of("in", SkippedOutputs.ABSENT))))
        .isEqualTo(
            new Inputs.Binding.Missing(
                "inputs.parameters.in: argument references an absent optional (skipped/omitted"
                    + " node output with no default)"));
  }
}
