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

  @Test
  void avoidedHostsRoundTripAndAreLeftOutWhenThereAreNone() throws Exception {
    PodRequest avoiding = request(null).withAvoidedHosts(List.of("node-1", "node-2"));

    PodRequest back = MAPPER.readValue(MAPPER.writeValueAsString(avoiding), PodRequest.class);

    assertThat(back.avoidedHosts()).containsExactly("node-1", "node-2");
    assertThat(MAPPER.valueToTree(request(null)).has("avoidedHosts")).isFalse();
    assertThat(
            MAPPER.treeToValue(MAPPER.valueToTree(request(null)), PodRequest.class).avoidedHosts())
        .isEmpty();
  }

  @Test
  void aStrategyWithoutExtensionsWritesNoExtensionFields() throws Exception {
    var argo =
        new dev.targo.argo.plan.RetryStrategySpec(
            "3",
            null,
            new dev.targo.argo.plan.RetryStrategySpec.BackoffSpec("1", "2", null, null),
            true,
            null);
    var targo =
        new dev.targo.argo.plan.RetryStrategySpec(
            "3",
            null,
            new dev.targo.argo.plan.RetryStrategySpec.BackoffSpec("1", "2", null, null, "0.2"),
            true,
            null,
            "Preferred");

    assertThat(MAPPER.writeValueAsString(argo))
        .isEqualTo(
            "{\"limit\":\"3\",\"retryPolicy\":null,\"backoff\":{\"duration\":\"1\",\"factor\":\"2\","
                + "\"cap\":null,\"maxDuration\":null},\"nodeAntiAffinity\":true,"
                + "\"expression\":null}");
    assertThat(
            MAPPER.readValue(
                MAPPER.writeValueAsString(targo), dev.targo.argo.plan.RetryStrategySpec.class))
        .isEqualTo(targo);
  }

  @Test
  void aRequestInAClusterWritesNoFieldOfItsOwnAndReadsBackInTheSameCluster() throws Exception {
    PodRequest request = request(null);
    request =
        request.withTemplate(
            request
                .template()
                .withMetadata(
                    new dev.targo.argo.plan.PodMetadata(
                        Map.of(), Map.of(Clusters.CLUSTERS, "gpu-east,gpu-west"))));

    ObjectNode json = MAPPER.valueToTree(request);
    PodRequest back = MAPPER.treeToValue(json, PodRequest.class);

    assertThat(json.has("cluster")).isFalse();
    assertThat(back.cluster()).isEqualTo("gpu-east");
  }
}
