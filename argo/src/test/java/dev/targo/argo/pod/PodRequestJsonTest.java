package dev.targo.argo.pod;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.Json;
import dev.targo.argo.plan.ContainerSpec;
import dev.targo.argo.plan.Template;
import dev.targo.argo.plan.TemplateBody;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PodRequestJsonTest {
  private static final ObjectMapper MAPPER = Json.mapper();

  private static PodRequest request(Instant pendingDeadline) {
    Template template =
        new Template(
            "work",
            new TemplateBody.ContainerBody(
                new ContainerSpec(
                    "alpine",
                    List.of("sh"),
                    List.of("-c", "true"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)),
            List.of(),
            null,
            null,
            "30s",
            Map.of(),
            null,
            null,
            null,
            null,
            null,
            List.of());
    return PodRequest.of("wf", "argo", "wf", 0, template)
        .withActiveDeadlineSeconds(29L)
        .withPendingDeadline(pendingDeadline);
  }

  @Test
  void aRequestWithAPendingDeadlineRoundTripsThroughThePayloadMapper() throws Exception {
    PodRequest request = request(Instant.parse("2026-01-01T00:00:30Z"));

    PodRequest back = MAPPER.readValue(MAPPER.writeValueAsString(request), PodRequest.class);

    // Compared as JSON: a null JsonNode field of the template reads back as a JSON null node.
    assertThat(back.pendingDeadline()).isEqualTo(Instant.parse("2026-01-01T00:00:30Z"));
    assertThat((Object) MAPPER.valueToTree(back)).isEqualTo(MAPPER.valueToTree(request));
  }

  @Test
  void aRequestWrittenBeforeThePendingDeadlineReadsWithoutOne() throws Exception {
    ObjectNode json = MAPPER.valueToTree(request(Instant.parse("2026-01-01T00:00:30Z")));
    json.remove("pendingDeadline");

    PodRequest back = MAPPER.treeToValue(json, PodRequest.class);

    assertThat(back.pendingDeadline()).isNull();
    assertThat((Object) MAPPER.valueToTree(back)).isEqualTo(MAPPER.valueToTree(request(null)));
  }
}
