package dev.targo.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QueryTest {

  @Test
  void decodesParametersAsTheArgoCliEncodesThem() {
    Query q =
        Query.parse(
            "listOptions.labelSelector=workflows.argoproj.io%2Fcompleted%21%3Dtrue&fields=a%2Cb");
    assertThat(q.get("listOptions.labelSelector"))
        .isEqualTo("workflows.argoproj.io/completed!=true");
    assertThat(q.get("fields")).isEqualTo("a,b");
  }

  @Test
  void selectsNamesAsNameFilterSays() {
    assertThat(Query.parse("listOptions.fieldSelector=metadata.name%3Dwf").names())
        .accepts("wf")
        .rejects("wf-2");
    assertThat(
            Query.parse("listOptions.fieldSelector=metadata.name%3Dwf&nameFilter=Prefix").names())
        .accepts("wf-2")
        .rejects("other");
    assertThat(Query.parse("").names()).accepts("anything");
  }

  @Test
  void refusesSelectingOnOtherFields() {
    assertThatThrownBy(
            () -> Query.parse("listOptions.fieldSelector=status.phase%3DRunning").names())
        .isInstanceOf(ApiError.class)
        .hasMessage("field selector \"status.phase=Running\": targo selects on metadata.name only");
  }
}
