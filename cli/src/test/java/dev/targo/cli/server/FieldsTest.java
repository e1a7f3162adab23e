package dev.targo.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.targo.argo.Json;
import org.junit.jupiter.api.Test;

class FieldsTest {

  private static ObjectNode list() throws Exception {
    return (ObjectNode)
        Json.mapper()
            .readTree(
                """
                {"metadata": {"resourceVersion": "1"},
                 "items": [{"metadata": {"name": "a", "labels": {"x": "y"}},
                            "spec": {"entrypoint": "main"},
                            "status": {"phase": "Running", "nodes": {"a": {}}}}]}
                """);
  }

  @Test
  void keepsOnlyTheListedPathsLookingThroughLists() throws Exception {
    assertThat(Fields.parse("metadata,items.metadata.name,items.status.phase").apply(list()))
        .hasToString(
            "{\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[{\"metadata\":{\"name\":\"a\"},"
                + "\"status\":{\"phase\":\"Running\"}}]}");
  }

  @Test
  void dropsTheListedPathsAfterAMinus() throws Exception {
    assertThat(Fields.parse("-items.status.nodes,items.spec").apply(list()))
        .hasToString(
            "{\"metadata\":{\"resourceVersion\":\"1\"},\"items\":[{\"metadata\":{\"name\":\"a\","
                + "\"labels\":{\"x\":\"y\"}},\"status\":{\"phase\":\"Running\"}}]}");
  }

  @Test
  void keepsEverythingWithoutAMask() throws Exception {
    assertThat(Fields.parse(null).apply(list())).isEqualTo(list());
  }
}
