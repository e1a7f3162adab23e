package dev.targo.argo.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class KubectlJsonPathTest {
  private static final JsonNode JOB;

  static {
    try {
      JOB =
          new ObjectMapper()
              .readTree(
                  "{\"metadata\":{\"name\":\"pi-x\",\"uid\":\"u-1\",\"labels\":{\"a.b/c\":\"d\"}},"
                      + "\"status\":{\"succeeded\":10,\"conditions\":[{\"type\":\"Complete\"}]}}");
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Test
  void readsTheFieldsArgosExamplesRead() throws Exception {
    assertThat(KubectlJsonPath.parse("{.metadata.name}").evaluate(JOB)).isEqualTo("pi-x");
    assertThat(KubectlJsonPath.parse("{.metadata.uid}").evaluate(JOB)).isEqualTo("u-1");
  }

  @Test
  void printsNumbersAndObjectsAsJsonAndKeepsTextAround() throws Exception {
    assertThat(KubectlJsonPath.parse("n={.status.succeeded}").evaluate(JOB)).isEqualTo("n=10");
    assertThat(KubectlJsonPath.parse("{.status.conditions[0]}").evaluate(JOB))
        .isEqualTo("{\"type\":\"Complete\"}");
    assertThat(KubectlJsonPath.parse("{$.metadata.labels['a.b/c']}").evaluate(JOB)).isEqualTo("d");
  }

  @Test
  void aMissingFieldIsAnErrorAsInKubectl() throws Exception {
    KubectlJsonPath path = KubectlJsonPath.parse("{.status.failed}");
    assertThatThrownBy(() -> path.evaluate(JOB))
        .hasMessage("failed is not found in {.status.failed}");
  }

  @Test
  void refusesRangesWildcardsAndFilters() {
    assertThatThrownBy(() -> KubectlJsonPath.parse("{.items[*].metadata.name}"))
        .hasMessageStartingWith("{.items[*].metadata.name} is not a plain path");
    assertThatThrownBy(() -> KubectlJsonPath.parse("{..name}"))
        .hasMessageStartingWith("{..name} is not a plain path");
    assertThatThrownBy(() -> KubectlJsonPath.parse("{.metadata.name"))
        .hasMessageStartingWith("unclosed action");
  }
}
