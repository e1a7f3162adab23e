package dev.targo.argo.flow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.targo.argo.plan.Loop;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LoopItemsTest {

  private static JsonNode json(String text) {
    return ItemJson.parse(text);
  }

  private static List<String> texts(LoopItems.Expansion e) {
    return ((LoopItems.Expansion.Items) e).items().stream().map(ItemJson::text).toList();
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "5|-|-|-|0,1,2,3,4",
        "3|1|-|-|1,2,3",
        "-|2|5|-|2,3,4,5",
        "-|5|2|-|5,4,3,2",
        "2|-|-|id-%02d|id-00,id-01",
        "-|0|0|-|0",
      })
  void sequencesCountOrRangeUpOrDown(
      String count, String start, String end, String format, String expected) {
    LoopItems.Expansion e = LoopItems.expand(new Loop.Sequence(count, start, end, format));

    assertThat(texts(e)).containsExactly(expected.split(","));
  }

  @Test
  void aZeroCountIsAnEmptyLoop() {
    assertThat(texts(LoopItems.expand(new Loop.Sequence("0", null, null, null)))).isEmpty();
  }

  @Test
  void aSequenceBoundThatIsNoNumberIsGosAtoiError() {
    assertThat(LoopItems.expand(new Loop.Sequence("x", null, null, null)))
        .isEqualTo(new LoopItems.Expansion.Invalid("strconv.Atoi: parsing \"x\": invalid syntax"));
  }

  @Test
  void withParamIsAJsonList() {
    assertThat(texts(LoopItems.expand(new Loop.Param("[1, \"a\", {\"b\": 2}]"))))
        .containsExactly("1", "a", "{\"b\":2}");
  }

  @Test
  void withParamThatIsNoJsonListIsInvalid() {
    assertThat(LoopItems.expand(new Loop.Param(" nope ")))
        .isEqualTo(
            new LoopItems.Expansion.Invalid(
                "withParam value could not be parsed as a JSON list: nope: not a JSON list"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"hello world\"|s(0:hello world)",
        "\"f(x)\"|s(0:fx)",
        "1.5|s(0:1.5)",
        "true|s(0:true)",
        "{\"os\":\"debian\",\"image\":\"debian:9.1\"}|s(0:image:debian:9.1,os:debian)",
        "[1,\"a\"]|s(0:[1 a])",
      })
  void childNamesAreArgos(String item, String expected) {
    assertThat(LoopItems.childName("s", 0, json(item))).isEqualTo(expected);
  }

  @Test
  void aMapItemGivesItsJsonAndEachField() {
    assertThat(LoopItems.vars(json("{\"os\":\"debian\",\"v\":9}")))
        .containsExactly(
            Map.entry("item", "{\"os\":\"debian\",\"v\":9}"),
            Map.entry("item.os", "debian"),
            Map.entry("item.v", "9"));
  }
}
