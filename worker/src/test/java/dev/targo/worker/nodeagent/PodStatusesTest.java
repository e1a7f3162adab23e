package dev.targo.worker.nodeagent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.worker.nodeagent.PodStatuses.State;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The node agent's container statuses: ready only while running with its probe passed. */
class PodStatusesTest {
  private static final Instant AT = Instant.parse("2026-12-06T00:00:00Z");

  @Test
  void aRunningContainerIsReadyOnlyOnceItsProbePassed() {
    assertThat(PodStatuses.container("main", "nginx", "id", new State.Running(AT), false))
        .containsEntry("ready", false)
        .containsEntry("started", true);
    assertThat(PodStatuses.container("main", "nginx", "id", new State.Running(AT), true))
        .containsEntry("ready", true);
    // Without a probe: ready while it runs, as before.
    assertThat(PodStatuses.container("main", "nginx", "id", new State.Running(AT)))
        .containsEntry("ready", true);
  }

  @Test
  void anEndedContainerIsNeverReady() {
    State ended = new State.Terminated(137, "OOMKilled", null, AT, AT.plusSeconds(1));

    assertThat(PodStatuses.container("main", "nginx", "id", ended, true))
        .containsEntry("ready", false);
  }

  @Test
  void aPodSpecsProbeIsReadAsItsJsonWithANumericPort() {
    var probe =
        new io.fabric8.kubernetes.api.model.ProbeBuilder()
            .withNewHttpGet()
            .withPath("/ping")
            .withNewPort(8086)
            .endHttpGet()
            .withPeriodSeconds(1)
            .build();

    var json = ContainerRun.probeJson(probe);

    assertThat(json.path("httpGet").path("port").asInt()).isEqualTo(8086);
    assertThat(json.path("httpGet").path("path").asText()).isEqualTo("/ping");
    assertThat(json.path("periodSeconds").asInt()).isEqualTo(1);
  }
}
