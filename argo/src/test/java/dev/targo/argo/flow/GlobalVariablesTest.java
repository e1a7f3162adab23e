package dev.targo.argo.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class GlobalVariablesTest {
  private static final Instant NOW = Instant.parse("2026-03-04T15:08:10.250Z");

  private static SortedMap<String, String> carried() {
    return new TreeMap<>(
        Map.of(
            "workflow.creationTimestamp.s", "1772636767",
            "workflow.parameters", "[{\"name\":\"n\",\"value\":\"1\"}]",
            "workflow.labels", "{}",
            "workflow.annotations", "{\"a\":\"b\"}"));
  }

  @Test
  void theDurationIsTheSecondsSinceTheCreationSecondAsGosPercentF() {
    assertThat(GlobalVariables.expand(carried(), NOW))
        .containsEntry("workflow.duration", "123.250000");
  }

  @Test
  void everyFormOfTheCreationTimeIsDerivedFromItsSeconds() {
    assertThat(GlobalVariables.expand(carried(), NOW))
        .containsEntry("workflow.creationTimestamp", "2026-03-04T15:06:07Z")
        .containsEntry("workflow.creationTimestamp.A", "Wednesday")
        .containsEntry("workflow.creationTimestamp.s", "1772636767");
  }

  @Test
  void theWholeValueVariablesGetTheirJsonAliases() {
    assertThat(GlobalVariables.expand(carried(), NOW))
        .containsEntry("workflow.parameters.json", "[{\"name\":\"n\",\"value\":\"1\"}]")
        .containsEntry("workflow.labels.json", "{}")
        .containsEntry("workflow.annotations.json", "{\"a\":\"b\"}");
  }

  @Test
  void withoutWorkflowVariablesNothingIsAdded() {
    SortedMap<String, String> vars = new TreeMap<>(Map.of("inputs.parameters.x", "1"));

    assertThat(GlobalVariables.expand(vars, NOW)).isEqualTo(vars);
  }
}
