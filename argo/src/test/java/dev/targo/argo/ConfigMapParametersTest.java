package dev.targo.argo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.plan.ConfigMapKeyRef;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.Parameter;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import dev.targo.argo.plan.WorkflowPlan;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigMapParametersTest {

  private static Parameter fromMap(String name, String map, String key, String value) {
    return new Parameter(name, value, null, null, List.of(), new ConfigMapKeyRef(map, key, null));
  }

  private static WorkflowPlan plan(List<Parameter> arguments, List<Parameter> inputs) {
    Template t =
        new Template(
            "main",
            new TemplateBody.ContainerBody(
                new ContainerSpec("busybox", null, null, null, null, null, null, null, null)),
            inputs,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);
    return new WorkflowPlan(
        "wf", null, null, null, null, "main", arguments, Map.of("main", t), null, null, null);
  }

  @Test
  void namesEveryConfigMapReadOnceSortedAndSkipsArgumentsWithAValue() {
    WorkflowPlan plan =
        plan(
            List.of(fromMap("a", "zeta", "k", null), fromMap("b", "given", "k", "set")),
            List.of(fromMap("c", "alpha", "k", null), fromMap("d", "zeta", "j", null)));

    assertThat(ConfigMapParameters.configMaps(plan)).containsExactly("alpha", "zeta");
  }

  @Test
  void anArgumentTakesTheValueAndAnInputTakesItAsItsDefault() {
    WorkflowPlan plan =
        plan(List.of(fromMap("a", "cm", "x", null)), List.of(fromMap("b", "cm", "y", null)));

    ConfigMapParameters.Resolved resolved =
        ConfigMapParameters.resolve(plan, Map.of("cm", Map.of("x", "1", "y", "2")));

    assertThat(resolved.problem()).isNull();
    assertThat(resolved.plan().arguments().getFirst().value()).isEqualTo("1");
    Parameter input = resolved.plan().template("main").inputs().getFirst();
    assertThat(input.value()).isNull();
    assertThat(input.defaultValue()).isEqualTo("2");
    assertThat(input.configMapKeyRef()).isNull();
  }

  @Test
  void aMissingKeyWithoutDefaultIsArgosMessage() {
    WorkflowPlan plan = plan(List.of(), List.of(fromMap("b", "cm", "y", null)));

    assertThat(ConfigMapParameters.resolve(plan, Map.of("cm", Map.of())).problem())
        .isEqualTo(
            "unable to retrieve inputs.parameters.b from ConfigMap: ConfigMap 'cm' does not have"
                + " the key 'y'");
  }
}
