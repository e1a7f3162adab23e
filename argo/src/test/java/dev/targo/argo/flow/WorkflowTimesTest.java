package dev.targo.argo.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkflowTimesTest {
  /** A Wednesday afternoon, with milliseconds a Kubernetes timestamp would not keep. */
  private static final Instant CREATED = Instant.parse("2026-03-04T15:06:07.890Z");

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource({
    "workflow.creationTimestamp, 2026-03-04T15:06:07Z",
    "workflow.creationTimestamp.RFC3339, 2026-03-04T15:06:07Z",
    "workflow.creationTimestamp.s, 1772636767",
    "workflow.creationTimestamp.B, March",
    "workflow.creationTimestamp.b, Mar",
    "workflow.creationTimestamp.m, 03",
    "workflow.creationTimestamp.A, Wednesday",
    "workflow.creationTimestamp.a, Wed",
    "workflow.creationTimestamp.d, 04",
    "workflow.creationTimestamp.H, 15",
    "workflow.creationTimestamp.I, 03",
    "workflow.creationTimestamp.M, 06",
    "workflow.creationTimestamp.S, 07",
    "workflow.creationTimestamp.Y, 2026",
    "workflow.creationTimestamp.y, 26",
    "workflow.creationTimestamp.p, PM",
    "workflow.creationTimestamp.Z, UTC",
    "workflow.creationTimestamp.z, +0000",
    "workflow.creationTimestamp.L, .000"
  })
  void givesEveryFormOfTheCreationTimeAsArgosControllerDoes(String name, String value) {
    assertThat(WorkflowTimes.creation(CREATED)).containsEntry(name, value);
  }

  @Test
  void givesExactlyTheNineteenCreationVariables() {
    assertThat(WorkflowTimes.creation(CREATED)).hasSize(19);
  }
}
