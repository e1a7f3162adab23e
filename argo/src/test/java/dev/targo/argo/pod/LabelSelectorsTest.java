package dev.targo.argo.pod;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.Json;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelSelectorsTest {

  private static final Map<String, String> LABELS = Map.of("app", "web", "tier", "front");

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{}|true",
        "{'matchLabels':{'app':'web'}}|true",
        "{'matchLabels':{'app':'db'}}|false",
        "{'matchLabels':{'missing':'x'}}|false",
        "{'matchExpressions':[{'key':'tier','operator':'In','values':['front','back']}]}|true",
        "{'matchExpressions':[{'key':'tier','operator':'In','values':['back']}]}|false",
        "{'matchExpressions':[{'key':'tier','operator':'NotIn','values':['back']}]}|true",
        "{'matchExpressions':[{'key':'zone','operator':'NotIn','values':['a']}]}|true",
        "{'matchExpressions':[{'key':'app','operator':'Exists'}]}|true",
        "{'matchExpressions':[{'key':'zone','operator':'Exists'}]}|false",
        "{'matchExpressions':[{'key':'zone','operator':'DoesNotExist'}]}|true",
        "{'matchLabels':{'app':'web'},'matchExpressions':[{'key':'app','operator':'DoesNotExist'}]}|false"
      })
  void selectsWhenEveryRequirementHolds(String selector, boolean selected) throws Exception {
    JsonNode node = Json.mapper().readTree(selector.replace('\'', '"'));

    assertThat(LabelSelectors.matches(node, LABELS)).isEqualTo(selected);
  }
}
