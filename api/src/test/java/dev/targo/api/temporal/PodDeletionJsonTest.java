package dev.targo.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.targo.argo.Json;
import org.junit.jupiter.api.Test;

class PodDeletionJsonTest {
  private static final ObjectMapper MAPPER = Json.mapper();

  @Test
  void anAbandonedPodsDeletionRoundTripsThroughThePayloadMapper() throws Exception {
    PodDeletion deletion = PodDeletion.abandoned("argo", "wf-t-123");

    assertThat(MAPPER.readValue(MAPPER.writeValueAsString(deletion), PodDeletion.class))
        .isEqualTo(deletion);
  }

  @Test
  void aDeletionFromAWorkerBeforeTheAbandonedFlagIsNotAbandoned() throws Exception {
    String older = "{\"namespace\":\"argo\",\"podNames\":[\"wf-t-123\"],\"workflowName\":null}";

    assertThat(MAPPER.readValue(older, PodDeletion.class))
        .isEqualTo(PodDeletion.pod("argo", "wf-t-123"));
  }

  @Test
  void aSelectedDelayedDeletionRoundTripsAndAPlainOneWritesNoNewField() throws Exception {
    PodDeletion deletion =
        PodDeletion.workflow("argo", "wf")
            .selecting("{\"matchLabels\":{\"a\":\"b\"}}")
            .delayed(30_000L);

    assertThat(MAPPER.readValue(MAPPER.writeValueAsString(deletion), PodDeletion.class))
        .isEqualTo(deletion);
    assertThat(MAPPER.writeValueAsString(PodDeletion.pod("argo", "wf-t-123")))
        .doesNotContain("labelSelector")
        .doesNotContain("delayMillis");
  }
}
