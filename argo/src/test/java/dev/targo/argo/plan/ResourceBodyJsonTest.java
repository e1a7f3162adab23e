package dev.targo.argo.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.targo.argo.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plan records of resource templates as they travel in payloads. */
class ResourceBodyJsonTest {
  @Test
  void aResourceTemplateRoundTripsThroughPayloadJson() throws Exception {
    OutputParameter name =
        new OutputParameter("name", null, null, null, null, null, null, null, "{.metadata.name}");
    Template t =
        new Template(
            "make",
            new TemplateBody.ResourceBody(
                "create",
                "merge",
                "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n",
                "status.succeeded > 0",
                "status.failed > 1"),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            List.of(name),
            null,
            null,
            null);

    String json = Json.mapper().writeValueAsString(t);

    assertThat(Json.mapper().readValue(json, Template.class)).isEqualTo(t);
    assertThat(json)
        .contains("\"kind\":\"resource\"")
        .contains("\"jsonPath\":\"{.metadata.name}\"");
  }

  @Test
  void anOutputWithoutJsonPathWritesNoneSoOlderPlansReadTheSame() throws Exception {
    OutputParameter path = new OutputParameter("p", "/tmp/p", null, null, null, null);

    String json = Json.mapper().writeValueAsString(path);

    assertThat(json).doesNotContain("jsonPath");
    assertThat(Json.mapper().readValue(json, OutputParameter.class)).isEqualTo(path);
  }

  @Test
  void setOwnerReferenceRoundTripsAndABodyWithoutItWritesNoneSoOlderPlansReadTheSame()
      throws Exception {
    String manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";
    TemplateBody.ResourceBody owned =
        new TemplateBody.ResourceBody("create", null, manifest, null, null, true);
    TemplateBody.ResourceBody plain =
        new TemplateBody.ResourceBody("create", null, manifest, null, null);

    String json = Json.mapper().writeValueAsString(owned);

    assertThat(json).contains("\"setOwnerReference\":true");
    assertThat(Json.mapper().readValue(json, TemplateBody.class)).isEqualTo(owned);
    assertThat(Json.mapper().writeValueAsString(plain)).doesNotContain("setOwnerReference");
    String older = "{\"kind\":\"resource\",\"action\":\"create\",\"manifest\":\"x\"}";
    assertThat(Json.mapper().readValue(older, TemplateBody.class))
        .isEqualTo(new TemplateBody.ResourceBody("create", null, "x", null, null));
  }
}
