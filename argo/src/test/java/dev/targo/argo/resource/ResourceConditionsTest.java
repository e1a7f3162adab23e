package dev.targo.argo.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.targo.argo.resource.ResourceConditions.Verdict;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Argo's resource conditions: Kubernetes' {@code labels.Parse} over gjson paths, judged as Argo's
 * {@code matchConditions} ({@code workflow/executor/resource.go}, {@code resource_test.go}).
 */
class ResourceConditionsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static Verdict judge(String json, String success, String failure) throws Exception {
    return ResourceConditions.judge(
        json(json), ResourceConditions.parse(success), ResourceConditions.parse(failure));
  }

  @Test
  void judgesArgosPhaseCasesAsItsResourceConditionsMatchingTest() throws Exception {
    String success = "status.phase == Succeeded";
    String failure = "status.phase == Error";
    assertThat(judge("{\"name\":\"test\",\"status\":{\"phase\":\"Error\"}}", success, failure))
        .isEqualTo(new Verdict.Failed("failure condition 'status.phase==Error' evaluated true"));
    assertThat(judge("{\"name\":\"test\",\"status\":{\"phase\":\"Succeeded\"}}", success, failure))
        .isEqualTo(new Verdict.Succeeded());
    assertThat(judge("{\"name\":\"test\",\"status\":{\"phase\":\"Pending\"}}", success, failure))
        .isEqualTo(new Verdict.Waiting());
  }

  @Test
  void comparesNumbersOfAJobAsTheK8sJobsExample() throws Exception {
    String success = "status.succeeded > 2";
    String failure = "status.failed > 1";
    assertThat(judge("{\"status\":{}}", success, failure)).isEqualTo(new Verdict.Waiting());
    assertThat(judge("{\"status\":{\"succeeded\":2}}", success, failure))
        .isEqualTo(new Verdict.Waiting());
    assertThat(judge("{\"status\":{\"succeeded\":3,\"failed\":1}}", success, failure))
        .isEqualTo(new Verdict.Succeeded());
    assertThat(judge("{\"status\":{\"succeeded\":3,\"failed\":2}}", success, failure))
        .isEqualTo(new Verdict.Failed("failure condition 'status.failed>1' evaluated true"));
  }

  @Test
  void aNonIntegerValueMatchesNeitherGreaterNorLess() throws Exception {
    assertThat(judge("{\"a\":\"x\"}", "a > 0", null)).isEqualTo(new Verdict.Waiting());
    assertThat(judge("{\"a\":\"x\"}", "a < 0", null)).isEqualTo(new Verdict.Waiting());
    assertThat(judge("{\"a\":-1}", "a < 0", null)).isEqualTo(new Verdict.Succeeded());
  }

  @Test
  void inSetsAreSortedAndMatchAnyMember() throws Exception {
    List<Requirement> failure = ResourceConditions.parse("status.phase in (Failed, Error)");
    assertThat(failure).hasSize(1);
    assertThat(failure.get(0)).hasToString("status.phase in (Error,Failed)");
    assertThat(judge("{\"status\":{\"phase\":\"Error\"}}", null, "status.phase in (Failed, Error)"))
        .isEqualTo(
            new Verdict.Failed(
                "failure condition 'status.phase in (Error,Failed)' evaluated true"));
    assertThat(judge("{\"status\":{\"phase\":\"Running\"}}", "status.phase notin (Failed)", null))
        .isEqualTo(new Verdict.Succeeded());
  }

  @Test
  void notEqualsAndNotInHoldForAnAbsentPathExistsDoesNot() throws Exception {
    assertThat(judge("{}", "status.phase != Failed", null)).isEqualTo(new Verdict.Succeeded());
    assertThat(judge("{}", "status.phase notin (Failed)", null)).isEqualTo(new Verdict.Succeeded());
    assertThat(judge("{}", "status.phase", null)).isEqualTo(new Verdict.Waiting());
    assertThat(judge("{}", "!status.phase", null)).isEqualTo(new Verdict.Succeeded());
    assertThat(judge("{\"status\":{\"phase\":null}}", "status.phase", null))
        .isEqualTo(new Verdict.Succeeded());
  }

  @Test
  void everyCommaSeparatedRequirementMustHoldSortedByKey() throws Exception {
    List<Requirement> all = ResourceConditions.parse("z = 1, a == 2,m");
    assertThat(all).extracting(Requirement::toString).containsExactly("a==2", "m", "z=1");
    assertThat(judge("{\"a\":2,\"m\":true,\"z\":1}", "z = 1, a == 2,m", null))
        .isEqualTo(new Verdict.Succeeded());
    assertThat(judge("{\"a\":2,\"z\":1}", "z = 1, a == 2,m", null))
        .isEqualTo(new Verdict.Waiting());
  }

  @Test
  void onlyAFailureConditionSucceedsAtOnceUnlessItHolds() throws Exception {
    assertThat(judge("{\"status\":{}}", null, "status.failed > 0"))
        .isEqualTo(new Verdict.Succeeded());
  }

  @Test
  void pathsIndexArraysCountThemAndEscapeDots() throws Exception {
    String pod =
        "{\"status\":{\"conditions\":[{\"type\":\"Ready\"}]},"
            + "\"metadata\":{\"labels\":{\"app.kubernetes.io/name\":\"web\"}}}";
    assertThat(GJson.get(json(pod), "status.conditions.0.type")).isEqualTo("Ready");
    assertThat(GJson.get(json(pod), "status.conditions.#")).isEqualTo("1");
    assertThat(GJson.get(json(pod), "status.conditions.1.type")).isNull();
    assertThat(GJson.get(json(pod), "metadata.labels.app\\.kubernetes\\.io/name")).isEqualTo("web");
    assertThat(GJson.get(json(pod), "status")).isEqualTo("{\"conditions\":[{\"type\":\"Ready\"}]}");
  }

  @Test
  void refusesWhatKubernetesSelectorParserRefuses() {
    assertThatThrownBy(() -> ResourceConditions.parse("status.failed > x"))
        .hasMessage("for '>', '<' operators, the value must be an integer, not 'x'");
    assertThatThrownBy(() -> ResourceConditions.parse("status.phase in ()"))
        .hasMessage("for 'in', 'notin' operators, values set can't be empty");
    assertThatThrownBy(() -> ResourceConditions.parse("status.phase in Failed"))
        .hasMessage("found 'Failed', expected: '('");
    assertThatThrownBy(() -> ResourceConditions.parse("status.phase == a b"))
        .hasMessage("found 'b', expected: ',' or end of string");
    assertThatThrownBy(() -> ResourceConditions.parse("a,"))
        .hasMessage("found end of string, expected: identifier after ','");
    assertThatThrownBy(() -> ResourceConditions.parse("-a = 1"))
        .hasMessageStartingWith("invalid key '-a'");
    assertThatThrownBy(() -> ResourceConditions.parse("a = b#c"))
        .hasMessageStartingWith("invalid value 'b#c' for a");
  }

  @Test
  void anEmptyValueIsAllowedAfterEquals() throws Exception {
    assertThat(judge("{\"a\":\"\"}", "a=", null)).isEqualTo(new Verdict.Succeeded());
    assertThat(judge("{\"a\":null}", "a=", null)).isEqualTo(new Verdict.Succeeded());
  }
}
